namespace WxO.Client;

/// <summary>A wait for a run ended at <see cref="RunPollingOptions.Timeout"/> before the run finished.</summary>
public sealed class RunWaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public RunWaitTimeoutException(string message, RunSnapshot? lastSnapshot) : base(message) => LastSnapshot = lastSnapshot;

    /// <summary>The last state read before the timeout; null if no read had finished.</summary>
    public RunSnapshot? LastSnapshot { get; }
}

namespace WxO.Client;

/// <summary>Vendor-neutral state of a run. The vendor's own value is kept in <see cref="RunSnapshot.RawStatus"/>.</summary>
public enum RunState
{
    /// <summary>A status this client does not know (a newer server); not terminal.</summary>
    Unknown = 0,

    /// <summary>Queued, not started.</summary>
    Pending,

    /// <summary>Executing.</summary>
    Running,

    /// <summary>Parked while something external (an asynchronous tool) finishes; resumes on its own.</summary>
    Waiting,

    /// <summary>Parked until the caller provides input; it will not finish on its own.</summary>
    RequiresInput,

    /// <summary>Finished successfully. Terminal.</summary>
    Succeeded,

    /// <summary>Finished with an error. Terminal.</summary>
    Failed,

    /// <summary>Cancelled. Terminal.</summary>
    Cancelled,

    /// <summary>Stopped by an interrupt requested by a caller (not a pause for input). Terminal.</summary>
    Interrupted,

    /// <summary>Exceeded its time limit. Terminal.</summary>
    TimedOut,

    /// <summary>Expired before it finished. Terminal.</summary>
    Expired,
}

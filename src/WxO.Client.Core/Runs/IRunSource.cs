namespace WxO.Client;

/// <summary>
/// A server that can report the state of a run, whichever vendor it is. Deliberately tiny: every
/// member added later would break implementers, so vendor-specific reads live on the vendor clients.
/// </summary>
public interface IRunSource
{
    /// <summary>The source name: e.g. <c>"wxo"</c>, or the registration name.</summary>
    string Name { get; }

    /// <summary>Reads the current state of a run.</summary>
    /// <param name="run">Which run. Some sources need <see cref="RunReference.ThreadId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="run"/> is null.</exception>
    /// <exception cref="ArgumentException">The reference is incomplete or malformed for this source (no request is made).</exception>
    /// <exception cref="RunNotFoundException">The server does not know the run.</exception>
    /// <exception cref="RunApiException">Any other error answer from the server.</exception>
    Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default);
}

/// <summary>
/// Identifies a run on a source: its id, and the thread it belongs to where the source addresses runs per thread. Get one
/// from what you hold (<c>run.ToRunReference()</c> on the run models of the vendor packages) or build one from ids as
/// strings or GUIDs. An empty or blank id is refused when the reference is made, not at the request.
/// </summary>
public sealed record RunReference
{
    /// <summary>A reference to a run addressed by its id alone.</summary>
    /// <param name="runId">The run id.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null, empty or whitespace.</exception>
    public RunReference(string runId)
        : this(runId, null)
    {
    }

    /// <summary>A reference from ids as text.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="threadId">The thread id; null for a source that addresses runs by their id alone.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null, empty or whitespace, or <paramref name="threadId"/> is empty or whitespace.</exception>
    public RunReference(string runId, string? threadId)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new ArgumentException("The run id must not be null, empty or whitespace.", nameof(runId));
        }

        if (threadId is not null && string.IsNullOrWhiteSpace(threadId))
        {
            throw new ArgumentException("The thread id must not be empty or whitespace; leave it null for a source without threads.", nameof(threadId));
        }

        RunId = runId;
        ThreadId = threadId;
    }

    /// <summary>A reference from GUID ids, for servers whose run and thread ids are UUIDs.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="threadId">The thread id.</param>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>.</exception>
    public RunReference(Guid runId, Guid threadId)
        : this(Text(runId, nameof(runId)), Text(threadId, nameof(threadId)))
    {
    }

    /// <summary>The run id; never empty.</summary>
    public string RunId { get; }

    /// <summary>The thread the run belongs to; required by sources that address runs per thread. Never empty.</summary>
    public string? ThreadId { get; }

    private static string Text(Guid id, string paramName)
        => id == Guid.Empty ? throw new ArgumentException("The id must not be Guid.Empty.", paramName) : id.ToString();
}

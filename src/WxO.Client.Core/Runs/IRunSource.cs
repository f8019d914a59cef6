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
    /// <exception cref="ArgumentException">The reference is incomplete or malformed for this source (no request is made).</exception>
    /// <exception cref="RunNotFoundException">The server does not know the run.</exception>
    /// <exception cref="RunApiException">Any other error answer from the server.</exception>
    Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default);
}

/// <summary>Identifies a run on a source.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="ThreadId">The thread the run belongs to; required by sources that address runs per thread.</param>
public readonly record struct RunReference(string RunId, string? ThreadId = null);

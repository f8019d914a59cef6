namespace WxO.Client.Primitives;

/// <summary>
/// What every run client built on the core shares: its request path, its telemetry (so waits on its runs report as its
/// package), and ownership of the private container of a client made outside dependency injection.
/// </summary>
public abstract class RunClient : IInstrumentedRunSource, IDisposable, IAsyncDisposable
{
    // Only set for clients made by CreateStandalone: keeps their private container (and its HTTP handlers) alive until disposed.
    private readonly IDisposable? _owner;

    /// <summary>Builds the client from what the core registered for it.</summary>
    /// <param name="context">The client's HttpClient and request path.</param>
    protected RunClient(RunClientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Pipeline = context.Pipeline;
        Name = context.SourceName;
        _owner = context.Owner;
    }

    /// <summary>The request path of the client's calls.</summary>
    protected RunClientPipeline Pipeline { get; }

    /// <inheritdoc />
    public string Name { get; }

    RunTelemetry IInstrumentedRunSource.Telemetry => Pipeline.Telemetry;

    /// <inheritdoc />
    public abstract Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default);

    /// <summary>
    /// For a client made outside dependency injection (<c>Create</c>): disposes its private container, closing its pooled
    /// connections at once. A client from dependency injection owns nothing (its container does), so this does nothing.
    /// </summary>
    public void Dispose()
    {
        _owner?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc cref="Dispose" />
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_owner is IAsyncDisposable owner)
        {
            return owner.DisposeAsync();
        }

        _owner?.Dispose();
        return default;
    }
}

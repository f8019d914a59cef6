namespace WxO.Client.Http;

/// <summary>
/// The connection pools (primary handlers) this container's run clients created. Disposing the container disposes them,
/// which closes their pooled connections at once: HttpClientFactory alone would leave them open until its handler
/// expiry and cleanup run (minutes), so an app that builds and disposes containers would pile up sockets.
/// </summary>
internal sealed class RunConnectionTracker : IDisposable
{
    private readonly List<WeakReference<HttpMessageHandler>> _handlers = [];
    private bool _disposed;

    /// <summary>Tracks a primary handler; dead ones (collected after the factory retired them) are dropped as it goes.</summary>
    public HttpMessageHandler Track(HttpMessageHandler handler)
    {
        lock (_handlers)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _handlers.RemoveAll(h => !h.TryGetTarget(out _));
            _handlers.Add(new WeakReference<HttpMessageHandler>(handler));
        }

        return handler;
    }

    public void Dispose()
    {
        List<HttpMessageHandler> alive = [];
        lock (_handlers)
        {
            _disposed = true;
            foreach (var reference in _handlers)
            {
                if (reference.TryGetTarget(out var handler))
                {
                    alive.Add(handler);
                }
            }

            _handlers.Clear();
        }

        foreach (var handler in alive)
        {
            handler.Dispose();
        }
    }
}

using System.Collections.Concurrent;

namespace WxO.Client.Http;

/// <summary>
/// Token sources for the pipeline's timeouts (a call's deadline, each attempt's limit), reused: once warm, a timeout
/// costs no token source, timer or registration list of its own. A source that fired is not reused. Bound to the
/// <see cref="TimeProvider"/> in DI, so fake time drives the timeouts in tests (a source on another clock than the
/// system's cannot be reset, so there each timeout gets a new one).
/// </summary>
internal sealed class TimeoutSourcePool(TimeProvider time)
{
    private readonly ConcurrentQueue<CancellationTokenSource> _idle = new();

    /// <summary>A source that cancels after <paramref name="timeout"/>, and also when <paramref name="outer"/> is cancelled.</summary>
    public Lease Rent(TimeSpan timeout, CancellationToken outer)
    {
        var source = _idle.TryDequeue(out var idle) ? idle : new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        source.CancelAfter(timeout);
        return new Lease(this, source, outer.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source));
    }

    /// <summary>A rented source; disposing it unlinks it and gives it back.</summary>
    public readonly struct Lease(TimeoutSourcePool pool, CancellationTokenSource source, CancellationTokenRegistration link) : IDisposable
    {
        public CancellationToken Token => source.Token;

        /// <summary>True when the timeout fired (or the outer token was cancelled).</summary>
        public bool IsCancellationRequested => source.IsCancellationRequested;

        public void Dispose()
        {
            link.Dispose();
            if (source.TryReset())
            {
                pool._idle.Enqueue(source);
            }
            else
            {
                source.Dispose();
            }
        }
    }
}

using WxO.Client.Primitives;

namespace WxO.Client.Authentication;

/// <summary>
/// Caches a token until 80 % of its lifetime has passed (a common refresh point for identity services), with single-flight refresh:
/// any number of concurrent callers share one token request. A failed request is not remembered, so the
/// next call tries again. A token without a known lifetime is reused until the server rejects it.
/// </summary>
internal abstract class CachingAccessTokenProvider(TimeProvider time, RunTelemetry telemetry) : IAccessTokenProvider
{
    private const double RefreshAt = 0.8;
    private readonly object _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _refresh;

    /// <summary>The clock for token lifetimes.</summary>
    protected TimeProvider Time => time;

    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && (cached.RefreshAfter is not { } refreshAfter || time.GetUtcNow() < refreshAfter))
        {
            return cached.Token;
        }

        Task<CachedToken> refresh;
        lock (_gate)
        {
            refresh = _refresh ??= RefreshAsync();
        }

        // Each caller may give up on its own; the shared request carries on for the others.
        return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    public bool Invalidate(string rejectedToken)
    {
        lock (_gate)
        {
            if (_cached?.Token == rejectedToken)
            {
                _cached = null;
            }
        }

        return true;
    }

    /// <summary>Asks the identity service for a token; <c>ExpiresAt</c> is null when it gives no lifetime.</summary>
    protected abstract Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken);

    private async Task<CachedToken> RefreshAsync()
    {
        // Yield first so the assignment to _refresh happens before the finally block can clear it.
        await Task.Yield();
        var outcome = "failure";
        try
        {
            // Not the caller's token: one caller cancelling must not fail the request the others wait on.
            // The token client's own timeouts bound it.
            var (token, expiresAt) = await RequestTokenAsync(CancellationToken.None).ConfigureAwait(false);
            var now = time.GetUtcNow();
            DateTimeOffset? refreshAfter = expiresAt is { } expiry ? now + ((expiry - now) * RefreshAt) : null;
            var cached = new CachedToken(token, refreshAfter);
            Volatile.Write(ref _cached, cached);
            outcome = "success";
            return cached;
        }
        finally
        {
            telemetry.TokenRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    /// <summary>Hides the token from debugger displays and logs.</summary>
    public override string ToString() => GetType().Name;

    private sealed record CachedToken(string Token, DateTimeOffset? RefreshAfter)
    {
        // Records print their members; this one holds a secret.
        public override string ToString() => "CachedToken(***)";
    }
}

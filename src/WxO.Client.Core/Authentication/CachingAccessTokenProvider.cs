using WxO.Client.Http;
using WxO.Client.Primitives;

namespace WxO.Client.Authentication;

/// <summary>
/// The base of a sign-in: caches the token until 80 % of its lifetime has passed (a common refresh point for identity
/// services), with single-flight refresh: any number of concurrent callers share one token request, and one caller giving
/// up does not cancel it for the others. A failed request is not remembered, so the next call tries again. A token without
/// a known lifetime is reused until the server rejects it (<see cref="Invalidate"/>). A token that cannot be sent as a
/// header (a line break, a control character) is refused with <see cref="RunAuthenticationException"/> and never cached.
/// Derive from it and implement <see cref="RequestTokenAsync"/> to plug in your own identity service.
/// </summary>
public abstract class CachingAccessTokenProvider : IAccessTokenProvider
{
    private const double RefreshAt = 0.8;
    private readonly object _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _refresh;

    private readonly TimeProvider _time;
    private readonly RunTelemetry? _telemetry;

    /// <summary>Creates the provider.</summary>
    /// <param name="timeProvider">The clock for token lifetimes; the system clock when null.</param>
    /// <param name="telemetry">Where sign-ins are counted (the <c>token.refreshes</c> metric of that package); none when null.</param>
    protected CachingAccessTokenProvider(TimeProvider? timeProvider = null, RunTelemetry? telemetry = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _telemetry = telemetry;
    }

    /// <summary>The clock for token lifetimes.</summary>
    protected TimeProvider Time => _time;

    /// <summary>
    /// What stops a token from being sent as a header (e.g. <c>contains a line break at position 7 of 9</c>), or null when it
    /// can be sent. Tokens are checked after <see cref="RequestTokenAsync"/> anyway; call it first for a message that names
    /// where the token came from.
    /// </summary>
    /// <param name="token">The token.</param>
    protected static string? TokenProblem(string token) => CredentialRules.Problem(token);

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && (cached.RefreshAfter is not { } refreshAfter || _time.GetUtcNow() < refreshAfter))
        {
            return cached.Token;
        }

        Task<CachedToken> refresh;
        lock (_gate)
        {
            refresh = _refresh ??= RefreshAsync().ObserveFailure();
        }

        // Each caller may give up on its own; the shared request carries on for the others.
        return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Token;
    }

    /// <inheritdoc />
    /// <remarks>Forgets the cached token if it is the rejected one, so the next call signs in again; always true.</remarks>
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

    /// <summary>
    /// Asks the identity service for a token. Never called concurrently with itself, and never with a caller's token: the
    /// request is shared, so bound it with the HTTP client's own timeouts (<see cref="RunSignInContext.SendAsync{T}"/> does).
    /// </summary>
    /// <param name="cancellationToken">Always <see cref="CancellationToken.None"/> today; pass it on.</param>
    /// <returns>The token, and when it expires (null when the service gives no lifetime).</returns>
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
            // Refused here, so it is never cached: the next call signs in again.
            if (string.IsNullOrEmpty(token))
            {
                throw new RunAuthenticationException($"The sign-in of {GetType().Name} returned no token.");
            }

            if (CredentialRules.Problem(token) is { } problem)
            {
                throw new RunAuthenticationException($"The sign-in of {GetType().Name} returned a token that {problem}; it cannot be sent.");
            }

            var now = _time.GetUtcNow();
            DateTimeOffset? refreshAfter = expiresAt is { } expiry ? now + ((expiry - now) * RefreshAt) : null;
            var cached = new CachedToken(token, refreshAfter);
            Volatile.Write(ref _cached, cached);
            outcome = "success";
            return cached;
        }
        finally
        {
            _telemetry?.TokenRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
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

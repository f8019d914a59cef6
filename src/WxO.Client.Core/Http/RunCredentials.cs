using System.Net.Http.Headers;
using WxO.Client.Authentication;
using WxO.Client.Errors;

namespace WxO.Client.Http;

/// <summary>
/// The credentials a client puts on each request, applied by <see cref="RunCallHandler"/> once per call (before the
/// retries, so a token is resolved once, not once per attempt). Two kinds: <see cref="Fixed"/> (a configured bearer token
/// and/or API key: headers built once, no await) and <see cref="FromProvider"/> (tokens that change: sign-in or a custom
/// <see cref="IAccessTokenProvider"/>, with one retry after a 401 when the provider can issue a fresh token).
/// </summary>
internal abstract class RunCredentials(string? apiKeyHeader, string? apiKey)
{
    public static RunCredentials Fixed(string? bearerToken, string? apiKeyHeader, string? apiKey)
        => new FixedCredentials(bearerToken, apiKeyHeader, apiKey);

    public static RunCredentials FromProvider(IAccessTokenProvider provider, string? apiKeyHeader, string? apiKey, SecretRedactor secrets)
        => new ProviderCredentials(provider, apiKeyHeader, apiKey, secrets);

    /// <summary>Puts the credentials on <paramref name="request"/>; returns the token used (for <see cref="Refresh"/>), if any.</summary>
    public abstract ValueTask<string?> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// After a 401 to a request sent with <paramref name="token"/>: true when a retry with a fresh token may cure it (the
    /// token expired or was revoked early). A second 401 is the caller's answer.
    /// </summary>
    public abstract bool Refresh(string? token);

    protected void ApplyApiKey(HttpRequestMessage request)
    {
        if (apiKeyHeader is not null && apiKey is not null)
        {
            request.Headers.Remove(apiKeyHeader);
            request.Headers.TryAddWithoutValidation(apiKeyHeader, apiKey);
        }
    }

    private sealed class FixedCredentials(string? bearerToken, string? apiKeyHeader, string? apiKey) : RunCredentials(apiKeyHeader, apiKey)
    {
        private readonly AuthenticationHeaderValue? _authorization = bearerToken is null ? null : new("Bearer", bearerToken);

        public override ValueTask<string?> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_authorization is not null)
            {
                request.Headers.Authorization = _authorization;
            }

            ApplyApiKey(request);
            return default;
        }

        // The same token would be refused again.
        public override bool Refresh(string? token) => false;
    }

    private sealed class ProviderCredentials(IAccessTokenProvider provider, string? apiKeyHeader, string? apiKey, SecretRedactor secrets)
        : RunCredentials(apiKeyHeader, apiKey)
    {
        public override async ValueTask<string?> ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ApplyApiKey(request);
            var token = await provider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            if ((string.IsNullOrWhiteSpace(token) ? "is empty" : CredentialRules.Problem(token)) is { } problem)
            {
                // The token is deliberately not quoted: it is a secret even when it is malformed. Thrown before the first
                // attempt, so nothing is sent and nothing is retried.
                throw new RunAuthenticationException($"The access token provider returned a token that {problem}; no request was sent.");
            }

            secrets.Issued(token);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return token;
        }

        public override bool Refresh(string? token) => token is not null && provider.Invalidate(token);
    }
}

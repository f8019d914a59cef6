using System.Net.Http.Headers;

namespace WxO.Client.Http;

/// <summary>
/// Credentials that never change (a configured bearer token and/or API key): the headers are built once and set
/// on each request without an await. A 401 cannot be cured by retrying with the same token, so there is no retry.
/// </summary>
internal sealed class FixedCredentialHandler(string? bearerToken, string? apiKeyHeader, string? apiKey) : DelegatingHandler
{
    private readonly AuthenticationHeaderValue? _authorization = bearerToken is null ? null : new("Bearer", bearerToken);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }

        if (apiKeyHeader is not null && apiKey is not null)
        {
            request.Headers.Remove(apiKeyHeader);
            request.Headers.TryAddWithoutValidation(apiKeyHeader, apiKey);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

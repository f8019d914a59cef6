using System.Net.Http.Headers;
using WxO.Client.Authentication;

namespace WxO.Client.Http;

/// <summary>
/// Adds the caller's credentials to each request: a bearer token from an <see cref="IAccessTokenProvider"/>
/// and/or a fixed API key header. Sits outside the resilience handler, so the credential is resolved once
/// per call, not once per retry.
/// </summary>
internal sealed class CredentialHandler(IAccessTokenProvider? tokenProvider, string? apiKeyHeader, string? apiKey) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (tokenProvider is not null)
        {
            var token = await tokenProvider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(token) || CredentialRules.HasLineBreak(token))
            {
                // The token is deliberately not quoted: it is a secret even when it is malformed.
                throw new RunAuthenticationException(
                    "The access token provider returned an empty token or one containing a line break; no request was sent.");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKeyHeader is not null && apiKey is not null)
        {
            request.Headers.Remove(apiKeyHeader);
            request.Headers.TryAddWithoutValidation(apiKeyHeader, apiKey);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}

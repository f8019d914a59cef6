using System.Net;
using System.Net.Http.Headers;
using WxO.Client.Authentication;
using WxO.Client.Errors;

namespace WxO.Client.Http;

/// <summary>
/// Adds tokens that change to each request: a bearer token from an <see cref="IAccessTokenProvider"/> (and a fixed
/// API key header, if any). Sits outside the resilience handler, so the token is resolved once per call, not once
/// per retry. On a 401 it asks the provider for a fresh token and retries once. Fixed credentials use
/// <see cref="FixedCredentialHandler"/> instead.
/// </summary>
internal sealed class CredentialHandler(IAccessTokenProvider tokenProvider, string? apiKeyHeader, string? apiKey, SecretRedactor secrets) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (apiKeyHeader is not null && apiKey is not null)
        {
            request.Headers.Remove(apiKeyHeader);
            request.Headers.TryAddWithoutValidation(apiKeyHeader, apiKey);
        }

        var token = await AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !tokenProvider.Invalidate(token))
        {
            return response;
        }

        // The token expired or was revoked early: one retry with a fresh one. A second 401 is the caller's answer.
        response.Dispose();
        await AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokenProvider.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        if ((string.IsNullOrWhiteSpace(token) ? "is empty" : CredentialRules.Problem(token)) is { } problem)
        {
            // The token is deliberately not quoted: it is a secret even when it is malformed. Thrown outside the
            // resilience pipeline, so nothing is sent and nothing is retried.
            throw new RunAuthenticationException($"The access token provider returned a token that {problem}; no request was sent.");
        }

        secrets.Issued(token);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }
}

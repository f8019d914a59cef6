using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WxO.Client.Http;
using WxO.Client.Serialization;

namespace WxO.Client.Authentication;

/// <summary>IBM Cloud IAM: a form post of the API key returns <c>access_token</c> with <c>expires_in</c> / <c>expiration</c>.</summary>
internal sealed class IbmCloudIamTokenProvider(Func<HttpClient> createClient, Uri endpoint, string apiKey, TimeProvider time) : CachingAccessTokenProvider(time)
{
    public static readonly Uri DefaultEndpoint = new("https://iam.cloud.ibm.com/identity/token");

    private readonly TimeProvider _time = time;

    protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
                new("apikey", apiKey),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await RunResponseReader.ReadAsync(
            call: null, (Client: createClient(), Request: request), static (s, ct) => s.Client.SendAsync(s.Request, ct),
            WxOJsonContext.Default.IamTokenResponse, cancellationToken, signIn: true).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.AccessToken))
        {
            throw new RunAuthenticationException($"Sign-in at {endpoint.AbsolutePath} returned no access_token.");
        }

        DateTimeOffset? expiresAt = response.ExpiresIn is > 0 ? _time.GetUtcNow().AddSeconds(response.ExpiresIn.Value)
            : response.Expiration is > 0 ? DateTimeOffset.FromUnixTimeSeconds(response.Expiration.Value)
            : Jwt.ExpiresAt(response.AccessToken);
        return (response.AccessToken, expiresAt);
    }
}

/// <summary>
/// IBM MCSP (watsonx Orchestrate SaaS): a JSON post of the API key returns <c>token</c>, with the lifetime in
/// <c>expires_in</c> when present, else in the JWT's <c>exp</c> claim.
/// </summary>
internal sealed class McspTokenProvider(Func<HttpClient> createClient, Uri endpoint, string apiKey, TimeProvider time) : CachingAccessTokenProvider(time)
{
    public static readonly Uri DefaultV1Endpoint = new("https://iam.platform.saas.ibm.com/siusermgr/api/1.0/apikeys/token");

    /// <summary>The v2 endpoint; <c>{instance_id}</c> is replaced with the instance id from the base address.</summary>
    public const string DefaultV2Endpoint = "https://account-iam.platform.saas.ibm.com/api/2.0/services/{instance_id}/apikeys/token";

    private readonly TimeProvider _time = time;

    protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new McspTokenRequest { ApiKey = apiKey }, WxOJsonContext.Default.McspTokenRequest),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await RunResponseReader.ReadAsync(
            call: null, (Client: createClient(), Request: request), static (s, ct) => s.Client.SendAsync(s.Request, ct),
            WxOJsonContext.Default.McspTokenResponse, cancellationToken, signIn: true).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Token))
        {
            throw new RunAuthenticationException($"Sign-in at {endpoint.AbsolutePath} returned no token.");
        }

        DateTimeOffset? expiresAt = response.ExpiresIn is > 0 ? _time.GetUtcNow().AddSeconds(response.ExpiresIn.Value) : Jwt.ExpiresAt(response.Token);
        return (response.Token, expiresAt);
    }
}

/// <summary>Reads the <c>exp</c> claim of a JWT without validating it (the server does that).</summary>
internal static class Jwt
{
    public static DateTimeOffset? ExpiresAt(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            // Opaque token: no lifetime known, so it is reused until the server rejects it.
            return null;
        }
    }
}

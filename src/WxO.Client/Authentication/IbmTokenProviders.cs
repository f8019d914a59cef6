using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WxO.Client.Primitives;
using WxO.Client.Serialization;

namespace WxO.Client.Authentication;

/// <summary>
/// An IBM identity service: posts the API key to <paramref name="endpoint"/> through the client's sign-in pipeline and turns
/// the answer into a token and its expiry. The subclasses only say what to post and where the token is in the answer.
/// </summary>
internal abstract class IbmTokenProvider(RunSignInContext signIn, Uri endpoint, string apiKey)
    : CachingAccessTokenProvider(signIn.TimeProvider, signIn.Telemetry)
{
    /// <summary>The longest lifetime a token is trusted for: a server claiming more (even years) gets its token refreshed daily.</summary>
    internal static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    /// <summary>The API key to post.</summary>
    protected string ApiKey => apiKey;

    /// <summary>
    /// Posts to the identity service and reads its answer; any failure the server reports is a
    /// <see cref="RunAuthenticationException"/>, with the API key blanked in whatever the service quoted back.
    /// </summary>
    protected async Task<T> PostAsync<T>(HttpContent content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await signIn.SendAsync(request, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The token and when it expires: from <c>expires_in</c> when given, else from <paramref name="expiration"/> (Unix seconds),
    /// else from the JWT <c>exp</c>. Odd lifetimes never throw and never cause a sign-in per call: zero, negative or already
    /// past means unknown (the token is used until the server rejects it, then refreshed once), and anything beyond
    /// <see cref="MaxLifetime"/> is cut to it.
    /// </summary>
    protected (string Token, DateTimeOffset? ExpiresAt) Issued(string? token, string field, long? expiresIn, long? expiration = null)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new RunAuthenticationException($"Sign-in at {endpoint.AbsolutePath} returned no {field}.");
        }

        if (TokenProblem(token) is { } problem)
        {
            throw new RunAuthenticationException($"Sign-in at {endpoint.AbsolutePath} returned a {field} that {problem}; it cannot be sent.");
        }

        var now = Time.GetUtcNow();
        var expiresAt = expiresIn is > 0 ? now + Clamp(TimeSpan.FromSeconds(Math.Min(expiresIn.Value, (long)MaxLifetime.TotalSeconds)))
            : FromUnixSeconds(expiration) is { } at && at > now ? now + Clamp(at - now)
            : Jwt.ExpiresAt(token) is { } exp && exp > now ? now + Clamp(exp - now)
            : (DateTimeOffset?)null;
        return (token, expiresAt);
    }

    private static TimeSpan Clamp(TimeSpan lifetime) => lifetime > MaxLifetime ? MaxLifetime : lifetime;

    private static DateTimeOffset? FromUnixSeconds(long? seconds)
        => seconds is > 0 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
}

/// <summary>IBM Cloud IAM: a form post of the API key returns <c>access_token</c> with <c>expires_in</c> / <c>expiration</c>.</summary>
internal sealed class IbmCloudIamTokenProvider(RunSignInContext signIn, Uri endpoint, string apiKey)
    : IbmTokenProvider(signIn, endpoint, apiKey)
{
    public static readonly Uri DefaultEndpoint = new("https://iam.cloud.ibm.com/identity/token");

    protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var form = new FormUrlEncodedContent([new("grant_type", "urn:ibm:params:oauth:grant-type:apikey"), new("apikey", ApiKey)]);
        var response = await PostAsync(form, WxOJsonContext.Default.IamTokenResponse, cancellationToken).ConfigureAwait(false);
        return Issued(response.AccessToken, "access_token", response.ExpiresIn,
            response.Expiration);
    }
}

/// <summary>
/// IBM MCSP (watsonx Orchestrate SaaS): a JSON post of the API key returns <c>token</c>, with the lifetime in
/// <c>expires_in</c> when present, else in the JWT's <c>exp</c> claim.
/// </summary>
internal sealed class McspTokenProvider(RunSignInContext signIn, Uri endpoint, string apiKey)
    : IbmTokenProvider(signIn, endpoint, apiKey)
{
    public static readonly Uri DefaultV1Endpoint = new("https://iam.platform.saas.ibm.com/siusermgr/api/1.0/apikeys/token");

    /// <summary>The v2 endpoint; <c>{instance_id}</c> is replaced with the instance id from the base address.</summary>
    public const string DefaultV2Endpoint = "https://account-iam.platform.saas.ibm.com/api/2.0/services/{instance_id}/apikeys/token";

    protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var json = JsonContent.Create(new McspTokenRequest { ApiKey = ApiKey }, WxOJsonContext.Default.McspTokenRequest);
        var response = await PostAsync(json, WxOJsonContext.Default.McspTokenResponse, cancellationToken).ConfigureAwait(false);
        return Issued(response.Token, "token", response.ExpiresIn);
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

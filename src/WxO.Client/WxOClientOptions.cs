using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Authentication;
using WxO.Client.Http;

namespace WxO.Client;

/// <summary>
/// Settings of the watsonx Orchestrate client (configuration section <c>WxO</c>).
/// Base URL forms: <c>https://api.&lt;region&gt;.watson-orchestrate.cloud.ibm.com/instances/&lt;id&gt;</c> (IBM Cloud),
/// <c>https://api.dl.watson-orchestrate.ibm.com/instances/&lt;id&gt;</c> (AWS), <c>http://localhost:4321/api</c> (local developer edition).
/// </summary>
public sealed class WxOClientOptions : RunClientOptions
{
    /// <summary>The configuration section this package documents: <c>WxO</c>.</summary>
    public const string DefaultSectionName = "WxO";

    internal const string TokenHttpClientName = "WxO.Client.Token";

    /// <summary>
    /// An IBM API key, exchanged for short-lived tokens (cached, refreshed at 80 % of their lifetime) according
    /// to <see cref="AuthenticationMode"/>. Secret: never logged or printed.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How to sign in. Default <see cref="AuthenticationMode.Auto"/>: chosen from the credentials and the base address.</summary>
    public AuthenticationMode AuthenticationMode { get; set; }

    /// <summary>
    /// Overrides the identity service URL of the API-key modes (e.g. a private endpoint). For
    /// <see cref="AuthenticationMode.McspV2"/>, <c>{instance_id}</c> in it is replaced with the instance id.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    internal override string SectionName => DefaultSectionName;

    internal override string ExampleBaseAddress => "https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/<instance-id>";

    /// <summary>The mode in force: <see cref="AuthenticationMode.Auto"/> resolved, or Auto when it cannot be.</summary>
    internal AuthenticationMode EffectiveMode
    {
        get
        {
            if (AuthenticationMode != AuthenticationMode.Auto)
            {
                return AuthenticationMode;
            }

            if (TokenProvider is not null)
            {
                return AuthenticationMode.CustomProvider;
            }

            if (BearerToken is not null)
            {
                return AuthenticationMode.BearerToken;
            }

            var host = BaseAddress is { IsAbsoluteUri: true } uri ? uri.IdnHost : string.Empty;
            return ApiKey is null ? AuthenticationMode.Auto
                : host.EndsWith(".cloud.ibm.com", StringComparison.OrdinalIgnoreCase) ? AuthenticationMode.IbmCloudIam
                : host.EndsWith(".watson-orchestrate.ibm.com", StringComparison.OrdinalIgnoreCase) ? AuthenticationMode.McspV1
                : AuthenticationMode.Auto;
        }
    }

    /// <summary>The segment after <c>instances/</c> in the base address, which MCSP v2 signs in to.</summary>
    internal string? InstanceId
    {
        get
        {
            var segments = BaseAddress is { IsAbsoluteUri: true } uri ? uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
            var at = Array.FindIndex(segments, s => s.Equals("instances", StringComparison.OrdinalIgnoreCase));
            return at >= 0 && at + 1 < segments.Length ? Uri.UnescapeDataString(segments[at + 1]) : null;
        }
    }

    internal Uri ResolvedTokenEndpoint => EffectiveMode switch
    {
        AuthenticationMode.IbmCloudIam => TokenEndpoint ?? IbmCloudIamTokenProvider.DefaultEndpoint,
        AuthenticationMode.McspV1 => TokenEndpoint ?? McspTokenProvider.DefaultV1Endpoint,
        AuthenticationMode.McspV2 => new Uri((TokenEndpoint?.OriginalString ?? McspTokenProvider.DefaultV2Endpoint)
            .Replace("{instance_id}", Uri.EscapeDataString(InstanceId ?? string.Empty), StringComparison.Ordinal)),
        _ => throw new InvalidOperationException($"{EffectiveMode} has no token endpoint."),
    };

    internal override IAccessTokenProvider? CreateTokenProvider(IServiceProvider services)
    {
        var mode = EffectiveMode;
        if (mode is not (AuthenticationMode.IbmCloudIam or AuthenticationMode.McspV1 or AuthenticationMode.McspV2))
        {
            return base.CreateTokenProvider(services);
        }

        // A fresh client per token request, not one kept forever: the provider lives as long as the container,
        // and a captured HttpClient would pin one handler and miss HttpClientFactory's rotation (DNS changes).
        var factory = services.GetRequiredService<IHttpClientFactory>();
        HttpClient CreateClient() => factory.CreateClient(TokenHttpClientName);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        return mode == AuthenticationMode.IbmCloudIam
            ? new IbmCloudIamTokenProvider(CreateClient, ResolvedTokenEndpoint, ApiKey!, time)
            : new McspTokenProvider(CreateClient, ResolvedTokenEndpoint, ApiKey!, time);
    }

    internal override void Validate(List<string> failures)
    {
        base.Validate(failures);
        var s = SectionName;
        if (ApiKey is not null && (string.IsNullOrWhiteSpace(ApiKey) || CredentialRules.HasLineBreak(ApiKey)))
        {
            failures.Add($"{s}:ApiKey is empty or contains a line break (CR or LF). Set the key without the trailing newline.");
        }

        if (ApiKey is not null && (BearerToken is not null || TokenProvider is not null))
        {
            failures.Add($"{s}: set only one of ApiKey, BearerToken or TokenProvider.");
        }

        var mode = EffectiveMode;
        switch (mode)
        {
            case AuthenticationMode.Auto when ApiKey is not null:
                failures.Add($"{s}:AuthenticationMode cannot be inferred from the host '{BaseAddress?.IdnHost}'. Set {s}:AuthenticationMode "
                    + "to IbmCloudIam (IBM Cloud), McspV1 or McspV2 (watsonx Orchestrate SaaS on AWS).");
                break;
            case AuthenticationMode.Auto:
                failures.Add($"{s} needs credentials: set {s}:ApiKey (IBM API key), {s}:BearerToken, or a TokenProvider.");
                break;
            case AuthenticationMode.BearerToken when BearerToken is null:
                failures.Add($"{s}:AuthenticationMode is BearerToken but {s}:BearerToken is not set.");
                break;
            case AuthenticationMode.CustomProvider when TokenProvider is null:
                failures.Add($"{s}:AuthenticationMode is CustomProvider but no TokenProvider is set.");
                break;
            case AuthenticationMode.IbmCloudIam or AuthenticationMode.McspV1 or AuthenticationMode.McspV2 when ApiKey is null:
                failures.Add($"{s}:AuthenticationMode is {mode} but {s}:ApiKey is not set.");
                break;
            case AuthenticationMode.McspV2 when InstanceId is null:
                failures.Add($"{s}:AuthenticationMode McspV2 needs the instance id in {s}:BaseAddress (…/instances/<instance-id>).");
                break;
        }

        if (TokenEndpoint is not null && (!TokenEndpoint.IsAbsoluteUri
            || (TokenEndpoint.Scheme != Uri.UriSchemeHttps && !(TokenEndpoint.Scheme == Uri.UriSchemeHttp && (AllowInsecureHttp || CredentialRules.IsLoopback(TokenEndpoint))))))
        {
            failures.Add($"{s}:TokenEndpoint '{TokenEndpoint.OriginalString}' must be an absolute https URL (http only for loopback, or with AllowInsecureHttp).");
        }
    }

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString()
        => $"{base.ToString()} {{ ApiKey = {(ApiKey is null ? "(none)" : "***")}, AuthenticationMode = {AuthenticationMode}, TokenEndpoint = {TokenEndpoint} }}";
}

using WxO.Client.Primitives;

namespace WxO.Client.Authentication;

/// <summary>
/// IBM sign-in for the Orchestrate client: which identity service an API key goes to (inferred from the base address
/// when <see cref="AuthenticationMode.Auto"/>), its URL, the instance id MCSP v2 needs, and the token provider.
/// </summary>
internal static class IbmSignIn
{
    /// <summary>The mode in force: <see cref="AuthenticationMode.Auto"/> resolved, or Auto when it cannot be.</summary>
    public static AuthenticationMode EffectiveMode(WxOClientOptions options)
    {
        if (options.AuthenticationMode != AuthenticationMode.Auto)
        {
            return options.AuthenticationMode;
        }

        if (options.TokenProvider is not null)
        {
            return AuthenticationMode.CustomProvider;
        }

        if (options.BearerToken is not null)
        {
            return AuthenticationMode.BearerToken;
        }

        var host = options.BaseAddress is { IsAbsoluteUri: true } uri ? uri.IdnHost : string.Empty;
        return options.ApiKey is null ? AuthenticationMode.Auto
            : host.EndsWith(".cloud.ibm.com", StringComparison.OrdinalIgnoreCase) ? AuthenticationMode.IbmCloudIam
            : host.EndsWith(".watson-orchestrate.ibm.com", StringComparison.OrdinalIgnoreCase) ? AuthenticationMode.McspV1
            : AuthenticationMode.Auto;
    }

    /// <summary>The segment after <c>instances/</c> in the base address, which MCSP v2 signs in to.</summary>
    public static string? InstanceId(Uri? baseAddress)
    {
        var segments = baseAddress is { IsAbsoluteUri: true } uri ? uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        var at = Array.FindIndex(segments, s => s.Equals("instances", StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < segments.Length ? Uri.UnescapeDataString(segments[at + 1]) : null;
    }

    /// <summary>The identity service URL of an API-key mode.</summary>
    public static Uri TokenEndpoint(WxOClientOptions options) => EffectiveMode(options) switch
    {
        AuthenticationMode.IbmCloudIam => options.TokenEndpoint ?? IbmCloudIamTokenProvider.DefaultEndpoint,
        AuthenticationMode.McspV1 => options.TokenEndpoint ?? McspTokenProvider.DefaultV1Endpoint,
        AuthenticationMode.McspV2 => new Uri((options.TokenEndpoint?.OriginalString ?? McspTokenProvider.DefaultV2Endpoint)
            .Replace("{instance_id}", Uri.EscapeDataString(InstanceId(options.BaseAddress) ?? string.Empty), StringComparison.Ordinal)),
        var mode => throw new InvalidOperationException($"{mode} has no token endpoint."),
    };

    /// <summary>The provider of tokens that change: an IBM sign-in for the API-key modes, else the custom provider (or none).</summary>
    public static IAccessTokenProvider? CreateTokenProvider(WxOClientOptions options, RunSignInContext signIn)
    {
        var mode = EffectiveMode(options);
        if (mode is not (AuthenticationMode.IbmCloudIam or AuthenticationMode.McspV1 or AuthenticationMode.McspV2))
        {
            return options.TokenProvider;
        }

        return mode == AuthenticationMode.IbmCloudIam
            ? new IbmCloudIamTokenProvider(signIn, TokenEndpoint(options), options.ApiKey!)
            : new McspTokenProvider(signIn, TokenEndpoint(options), options.ApiKey!);
    }
}

using Microsoft.Extensions.Configuration;
using WxO.Client;
using WxO.Client.Primitives;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the watsonx Orchestrate runs client.</summary>
public static class WxOClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IWxORunsClient"/>, and <see cref="IRunSource"/> (also keyed <c>"wxo"</c>), configured in code.
    /// Options are validated at startup. Calling it again only adds configuration; nothing is registered twice.
    /// </summary>
    public static IRunClientBuilder AddWxOClient(this IServiceCollection services, Action<WxOClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Adds the client configured from a configuration section, usually <c>configuration.GetSection("WxO")</c>.
    /// Keys: <c>BaseAddress</c>, <c>ApiKey</c>, <c>AuthenticationMode</c>, <c>TokenEndpoint</c>, <c>BearerToken</c>,
    /// <c>AllowInsecureHttp</c>, <c>ApplicationId</c>, <c>SendUserAgent</c>, <c>MaxResponseContentBytes</c>, <c>Resilience:*</c>.
    /// </summary>
    public static IRunClientBuilder AddWxOClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WxOClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IRunClientBuilder AddCore(IServiceCollection services) => services.AddRunClient(WxORunsClient.Definition);
}

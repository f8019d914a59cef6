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

    /// <summary>
    /// Adds a named client, for several Orchestrate instances or tenants in one container: its own options, credentials
    /// (sign-in and token cache), HttpClient (<c>WxO.Client:{name}</c>), and <see cref="IWxORunsClient"/> and
    /// <see cref="IRunSource"/> keyed <paramref name="name"/> (resolve with <c>GetRequiredKeyedService&lt;IWxORunsClient&gt;(name)</c>
    /// or <c>[FromKeyedServices(name)]</c>); its <see cref="IRunSource.Name"/> is <paramref name="name"/>. The unnamed client,
    /// if any, is unaffected. Calling it again with the same name only adds configuration.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name; not <c>"wxo"</c> (the unnamed client's) or another client's.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    /// <exception cref="InvalidOperationException">Another client already has the name.</exception>
    public static IRunClientBuilder AddWxOClient(this IServiceCollection services, string name, Action<WxOClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(name, configure);
        return services.AddRunClient(WxORunsClient.Definition, name);
    }

    /// <summary>Adds a named client configured from a section, e.g. <c>configuration.GetSection("WxO:tenant-a")</c>; see the overload above.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The client's configuration section (the keys of the unnamed overload).</param>
    public static IRunClientBuilder AddWxOClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WxOClientOptions>(name).Bind(configuration);
        return services.AddRunClient(WxORunsClient.Definition, name);
    }

    private static IRunClientBuilder AddCore(IServiceCollection services) => services.AddRunClient(WxORunsClient.Definition);
}

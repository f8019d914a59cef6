using LangGraph.Client;
using Microsoft.Extensions.Configuration;
using WxO.Client;
using WxO.Client.Primitives;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LangGraph thread-run client.</summary>
public static class LangGraphClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ILangGraphRunsClient"/>, and <see cref="IRunSource"/> (also keyed <c>"langgraph"</c>), next to the clients
    /// already added (e.g. <c>services.AddWxOClient(...).AddLangGraphClient(...)</c>). Returns a builder whose
    /// <see cref="IRunClientBuilder.HttpClientBuilder"/> is the LangGraph client's, not the previous one's.
    /// </summary>
    public static IRunClientBuilder AddLangGraphClient(this IRunClientBuilder builder, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddLangGraphClient(configure);
    }

    /// <summary>Adds the LangGraph client configured from a section, usually <c>configuration.GetSection("LangGraph")</c>.</summary>
    public static IRunClientBuilder AddLangGraphClient(this IRunClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddLangGraphClient(configuration);
    }

    /// <summary>Adds the LangGraph client alone, for apps that do not read WxO runs.</summary>
    public static IRunClientBuilder AddLangGraphClient(this IServiceCollection services, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>Adds the LangGraph client alone, configured from a section. Keys: <c>BaseAddress</c>, <c>ApiKey</c>,
    /// <c>ReadApiKeyFromEnvironment</c>, <c>BearerToken</c>, <c>AllowInsecureHttp</c>, <c>Resilience:*</c>.</summary>
    public static IRunClientBuilder AddLangGraphClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LangGraphClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>
    /// Adds a named LangGraph client, for several servers (regions, deployments) in one container: its own options,
    /// credentials, HttpClient (<c>LangGraph.Client:{name}</c>), and <see cref="ILangGraphRunsClient"/> and
    /// <see cref="IRunSource"/> keyed <paramref name="name"/> (resolve with <c>GetRequiredKeyedService&lt;ILangGraphRunsClient&gt;(name)</c>);
    /// its <see cref="IRunSource.Name"/> is <paramref name="name"/>. Calling it again with the same name only adds configuration.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name; not <c>"langgraph"</c> (the unnamed client's) or another client's.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    /// <exception cref="InvalidOperationException">Another client already has the name.</exception>
    public static IRunClientBuilder AddLangGraphClient(this IServiceCollection services, string name, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(name, configure);
        return services.AddRunClient(LangGraphRunsClient.Definition, name);
    }

    /// <summary>Adds a named LangGraph client configured from a section, e.g. <c>configuration.GetSection("LangGraph:eu")</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The client's configuration section.</param>
    public static IRunClientBuilder AddLangGraphClient(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LangGraphClientOptions>(name).Bind(configuration);
        return services.AddRunClient(LangGraphRunsClient.Definition, name);
    }

    /// <summary>Adds a named LangGraph client next to the clients already added; see the <see cref="IServiceCollection"/> overload.</summary>
    /// <param name="builder">The builder of the previous client.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the client's options.</param>
    public static IRunClientBuilder AddLangGraphClient(this IRunClientBuilder builder, string name, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddLangGraphClient(name, configure);
    }

    private static IRunClientBuilder AddCore(IServiceCollection services) => services.AddRunClient(LangGraphRunsClient.Definition);
}

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

    private static IRunClientBuilder AddCore(IServiceCollection services) => services.AddRunClient(LangGraphRunsClient.Definition);
}

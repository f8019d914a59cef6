using LangGraph.Client;
using Microsoft.Extensions.Configuration;
using WxO.Client;
using WxO.Client.Diagnostics;
using WxO.Client.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the LangGraph thread-run client.</summary>
public static class LangGraphClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ILangGraphRunsClient"/>, and <see cref="IRunSource"/> (also keyed <c>"langgraph"</c>), next to the WxO client.
    /// Returns a builder whose <see cref="IWxOClientBuilder.HttpClientBuilder"/> is the LangGraph client's.
    /// </summary>
    public static IWxOClientBuilder AddLangGraphClient(this IWxOClientBuilder builder, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddLangGraphClient(configure);
    }

    /// <summary>Adds the LangGraph client configured from a section, usually <c>configuration.GetSection("LangGraph")</c>.</summary>
    public static IWxOClientBuilder AddLangGraphClient(this IWxOClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddLangGraphClient(configuration);
    }

    /// <summary>Adds the LangGraph client alone, for apps that do not read WxO runs.</summary>
    public static IWxOClientBuilder AddLangGraphClient(this IServiceCollection services, Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>Adds the LangGraph client alone, configured from a section. Keys: <c>BaseAddress</c>, <c>ApiKey</c>,
    /// <c>ReadApiKeyFromEnvironment</c>, <c>BearerToken</c>, <c>AllowInsecureHttp</c>, <c>Resilience:*</c>.</summary>
    public static IWxOClientBuilder AddLangGraphClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LangGraphClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static WxOClientBuilder AddCore(IServiceCollection services)
        => new(services, services.AddRunSource<LangGraphClientOptions, ILangGraphRunsClient>(
            LangGraphRunsClient.HttpClientName,
            LangGraphRunsClient.SourceName,
            LangGraphTelemetry.Instance,
            (http, sp) => new LangGraphRunsClient(http, sp.CreateLogger<LangGraphRunsClient>()),
            apiKeyHeader: "x-api-key",
            apiKey: o => o.ResolveApiKey()));
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WxO.Client;
using WxO.Client.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the watsonx Orchestrate runs client.</summary>
public static class WxOClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IWxORunsClient"/>, and <see cref="IRunSource"/> (also keyed <c>"wxo"</c>), configured in code.
    /// Options are validated at startup. Calling it again only adds configuration; nothing is registered twice.
    /// </summary>
    public static IWxOClientBuilder AddWxOClient(this IServiceCollection services, Action<WxOClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Adds the client configured from a configuration section, usually <c>configuration.GetSection("WxO")</c>.
    /// Keys: <c>BaseAddress</c>, <c>BearerToken</c>, <c>AllowInsecureHttp</c>, <c>Resilience:*</c>.
    /// </summary>
    public static IWxOClientBuilder AddWxOClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WxOClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static WxOClientBuilder AddCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WxOClientMarker)))
        {
            // Already wired: AddHttpClient(name) returns the existing registration without adding handlers again.
            return new WxOClientBuilder(services, services.AddHttpClient(WxORunsClient.HttpClientName));
        }

        services.AddSingleton<WxOClientMarker>();
        services.AddOptions<WxOClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WxOClientOptions>, RunClientOptionsValidator<WxOClientOptions>>());
        services.TryAddSingleton(TimeProvider.System);

        var http = services.AddRunHttpClient<WxOClientOptions>(WxORunsClient.HttpClientName);

        // Transient like any typed HttpClient, so handler rotation (DNS changes) reaches long-lived consumers' next resolve.
        services.AddTransient<IWxORunsClient>(sp => new WxORunsClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(WxORunsClient.HttpClientName)));
        services.AddTransient<IRunSource>(sp => sp.GetRequiredService<IWxORunsClient>());
        services.AddKeyedTransient<IRunSource>(WxORunsClient.SourceName, (sp, _) => sp.GetRequiredService<IWxORunsClient>());
        return new WxOClientBuilder(services, http);
    }

    /// <summary>Marks the collection as already holding the WxO registrations.</summary>
    private sealed class WxOClientMarker;
}

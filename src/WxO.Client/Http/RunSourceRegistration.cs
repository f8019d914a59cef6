using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WxO.Client.Diagnostics;

namespace WxO.Client.Http;

/// <summary>
/// Registers one run client and its <see cref="IRunSource"/> views. Shared by every package so that
/// each source is wired, validated and keyed the same way.
/// </summary>
internal static class RunSourceRegistration
{
    /// <summary>
    /// Adds the options validation, the HTTP pipeline, <typeparamref name="TService"/>, and <see cref="IRunSource"/>
    /// (plain and keyed <paramref name="sourceKey"/>), and whatever <c>registerOnce</c> adds. A second call registers
    /// nothing again and returns the existing HttpClient registration.
    /// </summary>
    public static IHttpClientBuilder AddRunSource<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TService>(
        this IServiceCollection services,
        string httpClientName,
        string sourceKey,
        RunTelemetry telemetry,
        Func<HttpClient, IServiceProvider, TService> create,
        string? apiKeyHeader = null,
        Func<TOptions, string?>? apiKey = null,
        Action<IServiceCollection>? registerOnce = null)
        where TOptions : RunClientOptions
        where TService : class, IRunSource
    {
        if (services.Any(d => d.ServiceType == typeof(Registered<TService>)))
        {
            // AddHttpClient(name) hands back the existing registration without adding handlers twice.
            return services.AddHttpClient(httpClientName);
        }

        services.AddSingleton<Registered<TService>>();
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, RunClientOptionsValidator<TOptions>>());
        services.TryAddSingleton(TimeProvider.System);
        registerOnce?.Invoke(services);

        var http = services.AddRunHttpClient(httpClientName, telemetry, apiKeyHeader, apiKey);

        // Transient, like any typed HttpClient, so handler rotation (DNS changes) reaches consumers on their next resolve.
        services.AddTransient(sp => create(sp.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName), sp));
        services.AddTransient<IRunSource>(sp => sp.GetRequiredService<TService>());
        services.AddKeyedTransient<IRunSource>(sourceKey, (sp, _) => sp.GetRequiredService<TService>());
        return http;
    }

    /// <summary>
    /// Builds a client outside DI with exactly the pipeline DI would build: a private container holds the
    /// HttpClientFactory, whose handlers the returned client keeps alive.
    /// </summary>
    public static TClient CreateStandalone<TClient>(Action<IServiceCollection> register, string httpClientName, Func<HttpClient, IServiceProvider, TClient> create)
    {
        var services = new ServiceCollection();
        register(services);
        var provider = services.BuildServiceProvider();
        return create(provider.GetRequiredService<IHttpClientFactory>().CreateClient(httpClientName), provider);
    }

    /// <summary>Marks that <typeparamref name="TService"/> is already registered.</summary>
    private sealed class Registered<TService>;
}

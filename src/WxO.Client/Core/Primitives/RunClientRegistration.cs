using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WxO.Client.Authentication;
using WxO.Client.Diagnostics;
using WxO.Client.Errors;
using WxO.Client.Http;

namespace WxO.Client.Primitives;

/// <summary>
/// Everything the core needs to register one run client: its names, telemetry, error-body parser, credentials and
/// factory. A vendor package fills one in and passes it to <see cref="RunClientRegistration.AddRunClient"/>.
/// </summary>
/// <typeparam name="TOptions">The client's options (a <see cref="RunClientOptions"/> property bag).</typeparam>
/// <typeparam name="TClient">The service the client is registered as; also registered as <see cref="IRunSource"/>.</typeparam>
public sealed class RunClientDefinition<TOptions, TClient>
    where TOptions : RunClientOptions
    where TClient : class, IRunSource
{
    /// <summary>The source name: <see cref="IRunSource.Name"/> and the key of the keyed <see cref="IRunSource"/> registration.</summary>
    public required string SourceName { get; init; }

    /// <summary>The name of the client's HttpClient registration (unique per client).</summary>
    public required string HttpClientName { get; init; }

    /// <summary>The package's telemetry identity.</summary>
    public required RunTelemetry Telemetry { get; init; }

    /// <summary>Checks the options at startup; its messages say what to change.</summary>
    public required RunClientOptionsValidator<TOptions> Validator { get; init; }

    /// <summary>Builds the client (transient, like a typed HttpClient, so handler rotation reaches it).</summary>
    public required Func<RunClientContext, TClient> CreateClient { get; init; }

    /// <summary>Reads the vendor's error bodies; null for the common shapes only.</summary>
    public RunErrorParser? ErrorParser { get; init; }

    /// <summary>
    /// The provider of tokens that change, built once per container; default: <see cref="RunClientOptions.TokenProvider"/>.
    /// When it returns null, the fixed <see cref="RunClientOptions.BearerToken"/> (if any) is sent.
    /// </summary>
    public Func<TOptions, IServiceProvider, IAccessTokenProvider?>? CreateTokenProvider { get; init; }

    /// <summary>A header that carries a fixed API key on every request (e.g. <c>x-api-key</c>); null for none.</summary>
    public string? ApiKeyHeader { get; init; }

    /// <summary>The API key to send in <see cref="ApiKeyHeader"/>, read from the options; null sends none.</summary>
    public Func<TOptions, string?>? ApiKey { get; init; }

    /// <summary>
    /// Credentials in the options beyond <see cref="RunClientOptions.BearerToken"/> and <see cref="ApiKey"/> (e.g. an API key
    /// exchanged for tokens), blanked like them in every server text that enters an exception.
    /// </summary>
    public Func<TOptions, IEnumerable<string?>>? OtherSecrets { get; init; }

    /// <summary>The log category of the client's call logs; default: <see cref="HttpClientName"/>.</summary>
    public string? LoggerCategory { get; init; }
}

/// <summary>Registers run clients on the shared core: options validation, HTTP pipeline, credentials and <see cref="IRunSource"/> views.</summary>
public static class RunClientRegistration
{
    /// <summary>
    /// Adds the options validation, the HTTP pipeline, <typeparamref name="TClient"/>, and <see cref="IRunSource"/> (plain and
    /// keyed <see cref="RunClientDefinition{TOptions, TClient}.SourceName"/>). Calling it again for the same client registers
    /// nothing twice and returns a builder for the existing registration.
    /// </summary>
    /// <returns>A builder whose <see cref="IRunClientBuilder.HttpClientBuilder"/> is this client's.</returns>
    public static IRunClientBuilder AddRunClient<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(
        this IServiceCollection services, RunClientDefinition<TOptions, TClient> definition)
        where TOptions : RunClientOptions
        where TClient : class, IRunSource
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(definition);
        if (services.Any(d => d.ServiceType == typeof(Registered<TClient>)))
        {
            // AddHttpClient(name) hands back the existing registration without adding handlers twice.
            return new RunClientBuilder(services, services.AddHttpClient(definition.HttpClientName), definition.SourceName);
        }

        services.AddSingleton<Registered<TClient>>();
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(definition.Validator));

        // One per container, not per handler: a token cache must outlive HttpClientFactory's handler rotation.
        var createTokenProvider = definition.CreateTokenProvider ?? ((options, _) => options.TokenProvider);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
            var secrets = new SecretRedactor([options.BearerToken, definition.ApiKey?.Invoke(options), .. definition.OtherSecrets?.Invoke(options) ?? []]);
            return new Credentials<TOptions>(createTokenProvider(options, sp), secrets);
        });

        var http = services.AddRunHttpPipeline<TOptions>(
            definition.HttpClientName,
            definition.Telemetry,
            // Refit appends each request's path to the base address's path, with or without a trailing slash.
            configureClient: (options, client) => client.BaseAddress = options.BaseAddress,
            outerHandler: sp =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                var key = definition.ApiKey?.Invoke(options);
                // A fixed token needs no provider round trip per request; tokens that change (sign-in, custom) do.
                var credentials = sp.GetRequiredService<Credentials<TOptions>>();
                return credentials.TokenProvider is { } provider
                    ? new CredentialHandler(provider, definition.ApiKeyHeader, key, credentials.Secrets)
                    : new FixedCredentialHandler(options.BearerToken, definition.ApiKeyHeader, key);
            });

        services.AddTransient(sp => definition.CreateClient(CreateContext(sp, definition, owner: null)));
        services.AddTransient<IRunSource>(sp => sp.GetRequiredService<TClient>());
        services.AddKeyedTransient<IRunSource>(definition.SourceName, (sp, _) => sp.GetRequiredService<TClient>());
        return new RunClientBuilder(services, http, definition.SourceName);
    }

    /// <summary>
    /// Builds a client outside dependency injection with exactly the pipeline DI would build: a private container holds the
    /// HttpClientFactory, and the client receives it as <see cref="RunClientContext.Owner"/> to keep alive. Building the
    /// client validates the options, so invalid ones throw <see cref="OptionsValidationException"/> here.
    /// </summary>
    /// <param name="register">Registers the client (e.g. <c>services =&gt; services.AddMyClient(configure)</c>).</param>
    /// <param name="definition">The definition <paramref name="register"/> uses, to build the client with its owner.</param>
    public static TClient CreateStandalone<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(
        Action<IServiceCollection> register, RunClientDefinition<TOptions, TClient> definition)
        where TOptions : RunClientOptions
        where TClient : class, IRunSource
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(definition);
        var services = new ServiceCollection();
        register(services);
        var provider = services.BuildServiceProvider();
        try
        {
            return definition.CreateClient(CreateContext(provider, definition, owner: provider));
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private static RunClientContext CreateContext<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(IServiceProvider services, RunClientDefinition<TOptions, TClient> definition, IDisposable? owner)
        where TOptions : RunClientOptions
        where TClient : class, IRunSource
    {
        // Creating the HttpClient applies, and so validates, the options.
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(definition.HttpClientName);
        var logger = services.CreateLogger(definition.LoggerCategory ?? definition.HttpClientName);
        var options = services.GetRequiredService<IOptions<TOptions>>().Value;
        var pipeline = new RunClientPipeline(definition.Telemetry, definition.ErrorParser, logger, http.BaseAddress, options,
            services.GetTimeProvider(), services.GetRequiredService<Credentials<TOptions>>().Secrets);
        return new RunClientContext(http, pipeline, owner);
    }

    /// <summary>Marks that <typeparamref name="TClient"/> is already registered.</summary>
    private sealed class Registered<TClient>;

    /// <summary>The token provider of one client and the secrets to blank in server text, built once per container.</summary>
    private sealed class Credentials<T>(IAccessTokenProvider? tokenProvider, SecretRedactor secrets)
    {
        public IAccessTokenProvider? TokenProvider { get; } = tokenProvider;

        public SecretRedactor Secrets { get; } = secrets;
    }
}

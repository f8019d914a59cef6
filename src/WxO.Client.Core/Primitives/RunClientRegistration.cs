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
    /// Builds the provider of tokens that change (a sign-in), once per registered client; default:
    /// <see cref="RunClientOptions.TokenProvider"/>. When it returns null, the fixed <see cref="RunClientOptions.BearerToken"/>
    /// (if any) is sent. Setting it also registers the client's identity-service HttpClient that
    /// <see cref="RunSignInContext.SendAsync{T}"/> uses.
    /// </summary>
    public Func<TOptions, RunSignInContext, IAccessTokenProvider?>? CreateTokenProvider { get; init; }

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

    /// <summary>
    /// An agent of the server as the agents layer drives it (the client and the agent id): what
    /// <see cref="RunAgentServiceCollectionExtensions.AddAgent"/> registers. Null when the vendor has no agents layer.
    /// </summary>
    public Func<TClient, string, RunAgentConnector>? CreateAgentConnector { get; init; }
}

/// <summary>Registers run clients on the shared core: options validation, HTTP pipeline, credentials and <see cref="IRunSource"/> views.</summary>
public static class RunClientRegistration
{
    /// <summary>
    /// Adds the options validation, the HTTP pipeline, the client and its <see cref="IRunSource"/> views. Unnamed
    /// (<paramref name="name"/> null): <typeparamref name="TClient"/>, <see cref="IRunSource"/>, and <see cref="IRunSource"/> keyed
    /// <see cref="RunClientDefinition{TOptions, TClient}.SourceName"/>, with the default options. Named: <typeparamref name="TClient"/>
    /// and <see cref="IRunSource"/> keyed <paramref name="name"/> only, with the options of that name, its own credentials and
    /// its own HttpClient, so several clients of one vendor (tenants, regions) live in one container. Calling it again for the
    /// same client and name registers nothing twice and returns a builder for the existing registration.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="definition">The client.</param>
    /// <param name="name">The registration name (the client's <see cref="IRunSource.Name"/> and DI key); null for the unnamed client.</param>
    /// <returns>A builder whose <see cref="IRunClientBuilder.HttpClientBuilder"/> is this client's.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or whitespace.</exception>
    /// <exception cref="InvalidOperationException">Another client is already registered under the same source name.</exception>
    public static IRunClientBuilder AddRunClient<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(
        this IServiceCollection services, RunClientDefinition<TOptions, TClient> definition, string? name = null)
        where TOptions : RunClientOptions
        where TClient : class, IRunSource
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(definition);
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        }

        var names = RunClientNames.Of(definition, name);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(RunClientRegistry))?.ImplementationInstance as RunClientRegistry;
        if (registry is null)
        {
            registry = new RunClientRegistry();
            services.AddSingleton(registry);
        }

        // What AddAgent builds an agent of this client with: the client as registered (named or not) and the agent id.
        Func<IServiceProvider, string, RunAgentConnector>? agents = definition.CreateAgentConnector is { } connect
            ? (sp, agentId) => connect(name is null ? sp.GetRequiredService<TClient>() : sp.GetRequiredKeyedService<TClient>(name), agentId)
            : null;
        if (!registry.TryAdd(names.Source, typeof(TClient), name))
        {
            // AddHttpClient(name) hands back the existing registration without adding handlers twice.
            return new RunClientBuilder(services, services.AddHttpClient(names.Http), names.Source) { Agents = agents };
        }

        services.AddOptions<TOptions>(names.Options).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(definition.Validator));

        // One per client and container, not per handler: a token cache must outlive HttpClientFactory's handler rotation.
        services.AddKeyedSingleton(names.Options, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(names.Options);
            var secrets = new SecretRedactor([options.BearerToken, definition.ApiKey?.Invoke(options), .. definition.OtherSecrets?.Invoke(options) ?? []]);
            var tokenProvider = definition.CreateTokenProvider is { } create
                ? create(options, new RunSignInContext(sp.GetRequiredService<IHttpClientFactory>(), names.SignIn, definition.ErrorParser, secrets,
                    sp.GetTimeProvider(), definition.Telemetry, sp))
                : options.TokenProvider;
            return new Credentials<TOptions>(tokenProvider, secrets);
        });

        if (definition.CreateTokenProvider is not null)
        {
            // The identity service gets its own client: same resilience and log redaction, no credentials of its own.
            services.AddRunHttpPipeline<TOptions>(names.SignIn, names.Options, definition.Telemetry);
        }

        var http = services.AddRunHttpPipeline<TOptions>(
            names.Http,
            names.Options,
            definition.Telemetry,
            // Refit appends each request's path to the base address's path, with or without a trailing slash.
            configureClient: (options, client) => client.BaseAddress = options.BaseAddress,
            credentials: sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(names.Options);
                var key = definition.ApiKey?.Invoke(options);
                // A fixed token needs no provider round trip per request; tokens that change (sign-in, custom) do.
                var credentials = sp.GetRequiredKeyedService<Credentials<TOptions>>(names.Options);
                return credentials.TokenProvider is { } provider
                    ? RunCredentials.FromProvider(provider, definition.ApiKeyHeader, key, credentials.Secrets)
                    : RunCredentials.Fixed(options.BearerToken, definition.ApiKeyHeader, key);
            });

        if (name is null)
        {
            services.AddTransient(sp => definition.CreateClient(CreateContext(sp, definition, names, owner: null)));
            services.AddTransient<IRunSource>(sp => sp.GetRequiredService<TClient>());
        }
        else
        {
            services.AddKeyedTransient<TClient>(name, (sp, _) => definition.CreateClient(CreateContext(sp, definition, names, owner: null)));
        }

        services.AddKeyedTransient<IRunSource>(names.Source, name is null
            ? (sp, _) => sp.GetRequiredService<TClient>()
            : (sp, key) => sp.GetRequiredKeyedService<TClient>(key));
        return new RunClientBuilder(services, http, names.Source) { Agents = agents };
    }

    /// <summary>
    /// Builds a client outside dependency injection with exactly the pipeline DI would build: a private container holds the
    /// HttpClientFactory, and the client receives it as <see cref="RunClientContext.Owner"/> to keep alive. Building the
    /// client validates the options, so invalid ones throw <see cref="OptionsValidationException"/> here.
    /// </summary>
    /// <param name="register">Registers the unnamed client (e.g. <c>services =&gt; services.AddMyClient(configure)</c>).</param>
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
            return definition.CreateClient(CreateContext(provider, definition, RunClientNames.Of(definition, null), owner: provider));
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private static RunClientContext CreateContext<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, TClient>(
        IServiceProvider services, RunClientDefinition<TOptions, TClient> definition, RunClientNames names, IDisposable? owner)
        where TOptions : RunClientOptions
        where TClient : class, IRunSource
    {
        // Creating the HttpClient applies, and so validates, the options.
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(names.Http);
        var logger = services.CreateLogger(definition.LoggerCategory ?? definition.HttpClientName);
        var options = services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(names.Options);
        var pipeline = new RunClientPipeline(definition.Telemetry, definition.ErrorParser, logger, http.BaseAddress, options,
            services.GetTimeProvider(), services.GetRequiredKeyedService<Credentials<TOptions>>(names.Options).Secrets);
        return new RunClientContext(http, pipeline, names.Source, owner);
    }

    /// <summary>The names one registration goes by: its source name (and DI key), its options name and its HttpClients' names.</summary>
    private sealed record RunClientNames(string Source, string Options, string Http, string SignIn)
    {
        public static RunClientNames Of<TOptions, TClient>(RunClientDefinition<TOptions, TClient> definition, string? name)
            where TOptions : RunClientOptions
            where TClient : class, IRunSource
        {
            var http = name is null ? definition.HttpClientName : $"{definition.HttpClientName}:{name}";
            return new(name ?? definition.SourceName, name ?? Microsoft.Extensions.Options.Options.DefaultName, http, $"{http}.Token");
        }
    }

    /// <summary>The source names registered in one service collection, and the registration of each.</summary>
    private sealed class RunClientRegistry
    {
        private readonly Dictionary<string, (Type Client, string? Name)> _clients = new(StringComparer.Ordinal);

        /// <summary>True when the source name is new; false when this registration has it already; throws when another one has it.</summary>
        public bool TryAdd(string sourceName, Type client, string? name)
        {
            lock (_clients)
            {
                if (!_clients.TryGetValue(sourceName, out var existing))
                {
                    _clients.Add(sourceName, (client, name));
                    return true;
                }

                return existing == (client, name)
                    ? false
                    : throw new InvalidOperationException($"The run source name '{sourceName}' is already taken by "
                        + $"{(existing.Name is null ? "the unnamed" : "a named")} {existing.Client.Name}; give this {client.Name} another name.");
            }
        }
    }

    /// <summary>The token provider of one client and the secrets to blank in server text, built once per container.</summary>
    private sealed class Credentials<T>(IAccessTokenProvider? tokenProvider, SecretRedactor secrets)
    {
        public IAccessTokenProvider? TokenProvider { get; } = tokenProvider;

        public SecretRedactor Secrets { get; } = secrets;
    }
}

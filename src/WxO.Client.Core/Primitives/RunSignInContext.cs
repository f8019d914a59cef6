using System.Text.Json.Serialization.Metadata;
using WxO.Client.Errors;
using WxO.Client.Http;

namespace WxO.Client.Primitives;

/// <summary>
/// What a client's sign-in (<see cref="RunClientDefinition{TOptions, TClient}.CreateTokenProvider"/>) is built from: an
/// HttpClient for the identity service with the shared pipeline (retries, timeouts, bounded reads, logs without headers)
/// and no credentials of its own, the host's clock, and the client's telemetry.
/// </summary>
public sealed class RunSignInContext
{
    private readonly IHttpClientFactory _factory;
    private readonly string _httpClientName;
    private readonly RunErrorParser? _errorParser;
    private readonly SecretRedactor _secrets;

    internal RunSignInContext(IHttpClientFactory factory, string httpClientName, RunErrorParser? errorParser, SecretRedactor secrets,
        TimeProvider timeProvider, RunTelemetry telemetry, IServiceProvider services)
    {
        _factory = factory;
        _httpClientName = httpClientName;
        _errorParser = errorParser;
        _secrets = secrets;
        TimeProvider = timeProvider;
        Telemetry = telemetry;
        Services = services;
    }

    /// <summary>The host's clock (a registered <see cref="System.TimeProvider"/>, else the system clock), for token lifetimes.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The client's telemetry identity; sign-ins count in its <c>token.refreshes</c> metric.</summary>
    public RunTelemetry Telemetry { get; }

    /// <summary>The container the client is registered in.</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// Sends a request to the identity service and reads its answer. Any failure the service reports (an error status, a
    /// body that is not <typeparamref name="T"/>, an over-large body) means the caller cannot sign in: it is a
    /// <see cref="RunAuthenticationException"/> with the answer's facts, and the client's credentials (an API key the service
    /// quotes back) blanked. Timeouts, network failures and the caller's cancellation keep their own types.
    /// </summary>
    /// <typeparam name="T">The answer's model.</typeparam>
    /// <param name="request">The request (an absolute URL); sent on a fresh HttpClient, so HttpClientFactory's handler rotation applies.</param>
    /// <param name="typeInfo">The answer's source-generated metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(typeInfo);
        try
        {
            using var response = await RunTransport.SendAsync(
                (Client: _factory.CreateClient(_httpClientName), Request: request),
                static (s, ct) => s.Client.SendAsync(s.Request, ct), cancellationToken).ConfigureAwait(false);
            return await RunResponseReader.ReadAsync(response, typeInfo, _errorParser, _secrets, endpoint: null, cancellationToken).ConfigureAwait(false);
        }
        catch (RunApiException ex)
        {
            var signInFailed = new RunAuthenticationException($"Sign-in: {ex.Message}", ex.InnerException);
            signInFailed.CopyFactsFrom(ex);
            throw signInFailed;
        }
    }
}

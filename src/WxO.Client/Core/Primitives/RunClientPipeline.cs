using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using WxO.Client.Diagnostics;
using WxO.Client.Http;

namespace WxO.Client.Primitives;

/// <summary>
/// The request path every run client's calls take: a diagnostics scope (span, duration metric, one log line), the send
/// through the shared HttpClient pipeline (credentials, resilience, bounded read), the status check with the client's
/// <see cref="RunErrorParser"/>, and source-generated deserialization. What reaches the caller is the model, a
/// <see cref="RunApiException"/>, <see cref="TimeoutException"/>, <see cref="HttpRequestException"/> or the caller's
/// <see cref="OperationCanceledException"/>, and nothing else. One per client; thread-safe.
/// </summary>
public sealed class RunClientPipeline
{
    private readonly ILogger _logger;

    internal RunClientPipeline(RunTelemetry telemetry, RunErrorParser? errorParser, ILogger logger, Uri? server)
    {
        Telemetry = telemetry;
        ErrorParser = errorParser;
        _logger = logger;
        Server = server;
    }

    /// <summary>The telemetry identity the calls report under.</summary>
    public RunTelemetry Telemetry { get; }

    internal RunErrorParser? ErrorParser { get; }

    internal Uri? Server { get; }

    /// <summary>Sends a request and reads the model from its answer.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <typeparam name="TState">What <paramref name="send"/> needs, passed through so it can be a static lambda.</typeparam>
    /// <param name="endpoint">The endpoint, for diagnostics.</param>
    /// <param name="state">Passed to <paramref name="send"/>.</param>
    /// <param name="send">Starts the request on the client's HttpClient (e.g. a Refit method returning the raw response).</param>
    /// <param name="typeInfo">The model's source-generated metadata.</param>
    /// <param name="runId">The run the call is about, for the span; null if none.</param>
    /// <param name="threadId">The thread the call is about, for the span; null if none.</param>
    /// <param name="cancellationToken">The caller's token, to tell its cancellation from a timeout.</param>
    public async Task<T> SendAsync<T, TState>(
        RunEndpoint endpoint,
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> typeInfo,
        string? runId = null,
        string? threadId = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var scope = RunCallScope.Start(Telemetry, endpoint, _logger, Server, runId, threadId);
        int? status = null;
        try
        {
            using var response = await RunTransport.SendAsync(state, send, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var value = await RunResponseReader.ReadAsync(response, typeInfo, ErrorParser, cancellationToken).ConfigureAwait(false);
            scope.Succeeded(status.Value);
            return value;
        }
        catch (Exception ex)
        {
            scope.Failed(status, ex);
            throw;
        }
    }

    /// <summary>Sends a request whose success answer carries nothing the caller needs (any 2xx, with or without a body).</summary>
    /// <inheritdoc cref="SendAsync{T, TState}" />
    public async Task SendWithoutResultAsync<TState>(
        RunEndpoint endpoint,
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        string? runId = null,
        string? threadId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(send);
        var scope = RunCallScope.Start(Telemetry, endpoint, _logger, Server, runId, threadId);
        int? status = null;
        try
        {
            using var response = await RunTransport.SendAsync(state, send, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            await RunResponseReader.EnsureSuccessAsync(response, ErrorParser, cancellationToken).ConfigureAwait(false);
            scope.Succeeded(status.Value);
        }
        catch (Exception ex)
        {
            scope.Failed(status, ex);
            throw;
        }
    }
}

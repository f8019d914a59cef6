using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using System.Runtime.CompilerServices;
using WxO.Client.Diagnostics;
using WxO.Client.Errors;
using WxO.Client.Http;
using WxO.Client.Streaming;

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

    internal RunClientPipeline(
        RunTelemetry telemetry, RunErrorParser? errorParser, ILogger logger, Uri? server, RunClientOptions options, TimeProvider time, SecretRedactor secrets)
    {
        Secrets = secrets;
        Telemetry = telemetry;
        ErrorParser = errorParser;
        _logger = logger;
        Server = server;
        Options = options;
        Time = time;
    }

    /// <summary>The telemetry identity the calls report under.</summary>
    public RunTelemetry Telemetry { get; }

    internal RunErrorParser? ErrorParser { get; }

    internal Uri? Server { get; }

    /// <summary>The client's options as they were when it was built (streaming limits, backoff).</summary>
    internal RunClientOptions Options { get; }

    internal TimeProvider Time { get; }

    /// <summary>The client's credentials, blanked in every server text that enters an exception.</summary>
    internal SecretRedactor Secrets { get; }

    /// <summary>
    /// An id as a span tag for <see cref="SendAsync{T, TState}"/> and <see cref="SendWithoutResultAsync{TState}"/>: its text
    /// when a listener may record the call's span, otherwise null, so a call costs no id string when nothing traces it.
    /// (A stream takes its run id as text always: a broken stream's error names it.)
    /// </summary>
    /// <param name="id">The run or thread id; null for none.</param>
    public string? SpanTag(Guid? id) => id is { } value && Telemetry.Source.HasListeners() ? value.ToString() : null;

    /// <summary>Sends a request and reads the model from its answer.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <typeparam name="TState">What <paramref name="send"/> needs, passed through so it can be a static lambda.</typeparam>
    /// <param name="endpoint">The endpoint, for diagnostics.</param>
    /// <param name="state">Passed to <paramref name="send"/>.</param>
    /// <param name="send">Starts the request on the client's HttpClient (e.g. a Refit method returning the raw response).</param>
    /// <param name="typeInfo">The model's source-generated metadata.</param>
    /// <param name="failureOf">Recognises a success answer that reports the run failed (e.g. a join body); the call then
    /// ends with <see cref="RunFailedException"/>. Null when the answer cannot report that.</param>
    /// <param name="validate">Says what is wrong with a success answer that the model cannot express (e.g. a run other than
    /// the one asked for); the call then ends with <see cref="RunApiException"/> (invalid body). Null when nothing is checked.</param>
    /// <param name="runId">The run the call is about, for the span; null if none.</param>
    /// <param name="threadId">The thread the call is about, for the span; null if none.</param>
    /// <param name="cancellationToken">The caller's token, to tell its cancellation from a timeout.</param>
    public async Task<T> SendAsync<T, TState>(
        RunEndpoint endpoint,
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> typeInfo,
        Func<T, RunFailure?>? failureOf = null,
        Func<TState, T, string?>? validate = null,
        string? runId = null,
        string? threadId = null,
        CancellationToken cancellationToken = default)
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
            var value = await RunResponseReader.ReadAsync(response, typeInfo, ErrorParser, Secrets, endpoint, cancellationToken).ConfigureAwait(false);
            if (failureOf?.Invoke(value) is { } failure)
            {
                throw RunErrorMapper.RunFailed(response.RequestMessage, response.StatusCode, failure, Secrets);
            }

            if (validate?.Invoke(state, value) is { } problem)
            {
                throw RunErrorMapper.InvalidBody(response, typeof(T).Name, problem, null);
            }

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
    /// <param name="endpoint">The endpoint, for diagnostics.</param>
    /// <param name="state">Passed to <paramref name="send"/>.</param>
    /// <param name="send">Starts the request on the client's HttpClient.</param>
    /// <param name="runId">The run the call is about, for the span; null if none.</param>
    /// <param name="threadId">The thread the call is about, for the span; null if none.</param>
    /// <param name="cancellationToken">The caller's token, to tell its cancellation from a timeout.</param>
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
            await RunResponseReader.EnsureSuccessAsync(response, ErrorParser, Secrets, endpoint, cancellationToken).ConfigureAwait(false);
            scope.Succeeded(status.Value);
        }
        catch (Exception ex)
        {
            scope.Failed(status, ex);
            throw;
        }
    }

    /// <summary>
    /// Opens a stream of events and yields each as it arrives: one span from the request to the end of the stream, a body
    /// never buffered whole (each event capped at <see cref="RunClientOptions.MaxResponseContentBytes"/>), an idle watchdog
    /// (<see cref="RunClientOptions.StreamIdleTimeout"/>), and, where <see cref="RunStreamDefinition{TState}.Resume"/> allows,
    /// re-joining after a break from the last event id. Stopping the enumeration (or cancelling) closes the connection at once.
    /// </summary>
    /// <typeparam name="TState">What the definition's delegates need.</typeparam>
    /// <typeparam name="TEvent">The vendor's event type.</typeparam>
    /// <param name="endpoint">The endpoint, for diagnostics.</param>
    /// <param name="definition">How the stream is opened, re-joined and read.</param>
    /// <param name="state">Passed to the definition's delegates.</param>
    /// <param name="select">Makes the vendor's event of each event (after <see cref="RunStreamDefinition{TState}.Unwrap"/>):
    /// here rather than in an iterator of the vendor's own, so every event passes one iterator less.</param>
    /// <param name="runId">The run the stream is about, for the span and a broken stream's error; null if not known yet.</param>
    /// <param name="threadId">The thread the stream is about, for the span; null if none.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    public async IAsyncEnumerable<TEvent> StreamAsync<TState, TEvent>(
        RunEndpoint endpoint,
        RunStreamDefinition<TState> definition,
        TState state,
        Func<RunStreamEvent, TEvent> select,
        string? runId = null,
        string? threadId = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(select);
        var scope = RunCallScope.Start(Telemetry, endpoint, _logger, Server, runId, threadId);
        var session = new RunStreamSession<TState>(this, endpoint, definition, state, runId);
        Exception? error = null;
        try
        {
            while (true)
            {
                RunStreamEvent? next;
                try
                {
                    next = await session.NextAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    error = ex;
                    throw;
                }

                if (next is null)
                {
                    yield break;
                }

                yield return select(next);
            }
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
            if (error is null)
            {
                // Ended, or the caller stopped reading: either way the call itself did not fail.
                scope.Succeeded(session.Status ?? 0);
            }
            else
            {
                scope.Failed(session.Status, error);
            }
        }
    }
}

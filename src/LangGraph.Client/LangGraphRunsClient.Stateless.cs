using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LangGraph.Client.Http;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using SharedSource;
using WxO.Client;
using WxO.Client.Primitives;

namespace LangGraph.Client;

public sealed partial class LangGraphRunsClient
{
    private static readonly RunEndpoint CreateRunEndpoint = new("CreateRun", "POST", "/runs");
    private static readonly RunEndpoint StreamRunEndpoint = new("StreamRun", "POST", "/runs/stream");
    private static readonly RunEndpoint CreateRunAndWaitEndpoint = new("CreateRunAndWait", "POST", "/runs/wait");
    private static readonly RunEndpoint CreateRunsEndpoint = new("CreateRuns", "POST", "/runs/batch");
    private static readonly RunEndpoint CancelRunsEndpoint = new("CancelRuns", "POST", "/runs/cancel");

    /// <summary>
    /// Create and stream without a thread: re-joined (never re-posted) through <c>GET /runs/{run_id}/stream</c>, the run named
    /// by the answer's <c>Content-Location</c> (<c>/runs/{run_id}</c>). No endpoint reads a stateless run's status, so a body
    /// that ends cleanly is the end (no <c>HasEnded</c> check).
    /// </summary>
    private static readonly RunStreamDefinition<(ILangGraphRunsApi Api, ThreadRunRequest Request)> StatelessStream = new()
    {
        Open = static (s, ct) => s.Api.StreamRunAsync(s.Request, createsRun: true, streaming: true, ct),
        // Only after an event with an id: joined without one the server streams from now, and the gap would be lost
        // without a word (LangGraph.js sends no ids on this endpoint, so there a break ends in RunStreamBrokenException).
        Resume = static (s, point, ct) => s.Request.StreamResumable == true && point.LastEventId is { } lastEventId && RunIdOf(point.ContentLocation) is { } runId
            ? s.Api.JoinRunStreamAsync(runId, lastEventId, streaming: true, ct)
            : null,
        FailureOf = StreamFailure,
        RunIdOf = StreamRunId,
    };

    /// <inheritdoc />
    public Task<ThreadRun> CreateRunAsync(ThreadRunRequest request, CancellationToken cancellationToken = default)
    {
        ValidateRequest(request, streamingOrWaiting: false, stateless: true);
        return Pipeline.SendAsync(
            CreateRunEndpoint, (Api: _api, Request: request), static (s, ct) => s.Api.CreateRunAsync(s.Request, createsRun: true, ct),
            LangGraphJsonContext.Default.ThreadRun, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ThreadRunEvent> StreamRunAsync(ThreadRunRequest request, CancellationToken cancellationToken = default)
    {
        ValidateRequest(request, streamingOrWaiting: true, stateless: true);
        // Resumable unless the caller said otherwise, as for thread runs: a re-join then misses nothing.
        request = request with { StreamResumable = request.StreamResumable ?? true };
        return Pipeline.StreamAsync(StreamRunEndpoint, StatelessStream, (Api: _api, Request: request), Typed, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<JsonElement> CreateRunAndWaitAsync(ThreadRunRequest request, CancellationToken cancellationToken = default)
        => CreateRunAndWaitAsync(request, LangGraphJsonContext.Default.JsonElement, cancellationToken);

    /// <inheritdoc />
    public Task<T> CreateRunAndWaitAsync<T>(ThreadRunRequest request, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default)
    {
        ValidateRequest(request, streamingOrWaiting: true, stateless: true);
        ArgumentNullException.ThrowIfNull(outputType);
        return OutputAsync(
            CreateRunAndWaitEndpoint, (Api: _api, Request: request),
            static (s, ct) => s.Api.CreateRunAndWaitAsync(s.Request, createsRun: true, longPoll: true, ct),
            outputType, null, null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> CreateThreadRunAndWaitAsync<T>(Guid threadId, ThreadRunRequest request, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidateRequest(request, streamingOrWaiting: true);
        ArgumentNullException.ThrowIfNull(outputType);
        return OutputAsync(
            CreateThreadRunAndWaitEndpoint, (Api: _api, ThreadId: threadId, Request: request),
            static (s, ct) => s.Api.CreateThreadRunAndWaitAsync(s.ThreadId, s.Request, createsRun: true, longPoll: true, ct),
            outputType, null, threadId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> JoinThreadRunAsync<T>(Guid threadId, Guid runId, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId, runId);
        ArgumentNullException.ThrowIfNull(outputType);
        return OutputAsync(
            JoinThreadRunEndpoint, (Api: _api, ThreadId: threadId, RunId: runId),
            static (s, ct) => s.Api.JoinThreadRunAsync(s.ThreadId, s.RunId, longPoll: true, ct),
            outputType, runId, threadId, cancellationToken);
    }

    /// <summary>
    /// A wait or join answer: a failed run (<c>__error__</c>) ends in <see cref="RunFailedException"/>, then the output is read
    /// as <typeparamref name="T"/>; one that is not a <typeparamref name="T"/> ends in <see cref="RunApiException"/> (invalid body).
    /// </summary>
    private async Task<T> OutputAsync<T, TState>(
        RunEndpoint endpoint, TState state, Func<TState, CancellationToken, Task<HttpResponseMessage>> send, JsonTypeInfo<T> outputType,
        Guid? runId, Guid? threadId, CancellationToken cancellationToken)
    {
        if (outputType is JsonTypeInfo<JsonElement> asElement)
        {
            return (T)(object)await Pipeline.SendAsync(endpoint, state, send, asElement, JoinFailure,
                runId: Pipeline.SpanTag(runId), threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // The output is read as JSON first (the failure check needs it), then as T inside the pipeline's check of the
        // answer, so a mismatch is reported like any body that is not the model.
        var output = new StrongBox<T>();
        await Pipeline.SendAsync(
            endpoint, (State: state, Send: send, Output: output, Type: outputType), static (s, ct) => s.Send(s.State, ct),
            LangGraphJsonContext.Default.JsonElement, JoinFailure,
            validate: static (s, element) =>
            {
                try
                {
                    // A JSON null output reads as default(T), as System.Text.Json reads it.
                    s.Output.Value = element.Deserialize(s.Type)!;
                    return null;
                }
                catch (JsonException ex)
                {
                    // The JSON error's message names the path and the type, never a value from the body.
                    return $"the run's output is not a {typeof(T).Name} ({ex.Message})";
                }
            },
            runId: Pipeline.SpanTag(runId), threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return output.Value!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThreadRun>> CreateRunsAsync(IReadOnlyList<ThreadRunRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one run.", nameof(requests));
        }

        // A copy: what is validated is what is sent (the caller's list may change), and its type is one the JSON context
        // knows whatever list the caller passed (the body is written by its runtime type).
        var batch = requests.ToArray();
        for (var i = 0; i < batch.Length; i++)
        {
            if (batch[i] is null)
            {
                throw new ArgumentException($"The batch's run {i} is null.", nameof(requests));
            }

            batch[i].Validate($"{nameof(requests)}[{i}]", streamingOrWaiting: false, stateless: true);
        }

        var runs = await Pipeline.SendAsync(
            CreateRunsEndpoint, (Api: _api, Requests: batch), static (s, ct) => s.Api.CreateRunsAsync(s.Requests, createsRun: true, ct),
            LangGraphJsonContext.Default.IReadOnlyListThreadRun,
            validate: static (s, runs) => runs.Count == s.Requests.Length && !runs.Contains(null!) ? null
                : $"it lists {runs.Count} runs for the {s.Requests.Length} asked for",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return runs;
    }

    /// <inheritdoc />
    public Task CancelRunsAsync(Guid threadId, IReadOnlyList<Guid> runIds, RunCancelAction? action = null, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ArgumentNullException.ThrowIfNull(runIds);
        if (runIds.Count == 0 || runIds.Contains(Guid.Empty))
        {
            throw new ArgumentException("Give at least one run id, none of them Guid.Empty.", nameof(runIds));
        }

        return CancelRunsAsync(new RunsCancelBody(null, threadId, runIds.ToArray()), action, threadId, cancellationToken);
    }

    /// <inheritdoc />
    public Task CancelRunsAsync(RunsCancelStatus status, RunCancelAction? action = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(status.Value))
        {
            throw new ArgumentException("The status needs a value (RunsCancelStatus.Pending, Running or All), not default.", nameof(status));
        }

        return CancelRunsAsync(new RunsCancelBody(status, null, null), action, null, cancellationToken);
    }

    private Task CancelRunsAsync(RunsCancelBody body, RunCancelAction? action, Guid? threadId, CancellationToken cancellationToken)
    {
        var actionValue = CancelActionValue(action);
        return Pipeline.SendWithoutResultAsync(
            CancelRunsEndpoint, (Api: _api, Body: body, Action: actionValue), static (s, ct) => s.Api.CancelRunsAsync(s.Body, s.Action, ct),
            threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }
}

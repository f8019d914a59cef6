using LangGraph.Client.Errors;
using LangGraph.Client.Http;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Refit;
using SharedSource;
using WxO.Client;
using WxO.Client.Primitives;

namespace LangGraph.Client;

/// <summary>
/// The LangGraph thread-run client. Get it from DI (<c>services.AddLangGraphClient(...)</c> or
/// <c>AddWxOClient(...).AddLangGraphClient(...)</c>), or without DI from <see cref="Create"/>. Thread-safe.
/// </summary>
public sealed partial class LangGraphRunsClient : RunClient, ILangGraphRunsClient
{
    /// <summary>The <see cref="IRunSource.Name"/> and DI key of this source: <c>"langgraph"</c>.</summary>
    public const string SourceName = "langgraph";

    private static readonly RefitSettings RefitSettings = RefitDefaults.For(LangGraphJsonContext.Default);

    private static readonly RunEndpoint GetThreadRunEndpoint = new("GetThreadRun", "GET", "/threads/{thread_id}/runs/{run_id}");
    private static readonly RunEndpoint ListThreadRunsEndpoint = new("ListThreadRuns", "GET", "/threads/{thread_id}/runs");
    private static readonly RunEndpoint CreateThreadRunEndpoint = new("CreateThreadRun", "POST", "/threads/{thread_id}/runs");
    private static readonly RunEndpoint StreamThreadRunEndpoint = new("StreamThreadRun", "POST", "/threads/{thread_id}/runs/stream");
    private static readonly RunEndpoint CreateThreadRunAndWaitEndpoint = new("CreateThreadRunAndWait", "POST", "/threads/{thread_id}/runs/wait");
    private static readonly RunEndpoint JoinThreadRunEndpoint = new("JoinThreadRun", "GET", "/threads/{thread_id}/runs/{run_id}/join");
    private static readonly RunEndpoint JoinThreadRunStreamEndpoint = new("JoinThreadRunStream", "GET", "/threads/{thread_id}/runs/{run_id}/stream");
    private static readonly RunEndpoint CancelThreadRunEndpoint = new("CancelThreadRun", "POST", "/threads/{thread_id}/runs/{run_id}/cancel");
    private static readonly RunEndpoint DeleteThreadRunEndpoint = new("DeleteThreadRun", "DELETE", "/threads/{thread_id}/runs/{run_id}");
    private static readonly RunEndpoint CreateThreadEndpoint = new("CreateThread", "POST", "/threads");
    private static readonly RunEndpoint GetThreadEndpoint = new("GetThread", "GET", "/threads/{thread_id}");

    private static readonly LangGraphThreadRequest EmptyThreadRequest = new();

    /// <summary>
    /// Create and stream: opened with the POST, re-joined (never re-posted) through the run's stream endpoint, asking again
    /// for the request's stream modes and subgraph events (the server reads both from each stream it opens, not from the
    /// run: a re-join without them loses them, langgraphjs #2330).
    /// </summary>
    private static readonly RunStreamDefinition<(ILangGraphRunsApi Api, Guid ThreadId, ThreadRunRequest Request)> CreateStream = new()
    {
        Open = static (s, ct) => s.Api.StreamThreadRunAsync(s.ThreadId, s.Request, createsRun: true, streaming: true, ct),
        Resume = static (s, point, ct) => s.Request.StreamResumable == true && RunIdOf(point.ContentLocation) is { } runId
            ? s.Api.JoinThreadRunStreamAsync(s.ThreadId, runId, point.LastEventId, s.Request.StreamMode?.Select(static m => m.Value),
                s.Request.StreamSubgraphs == true ? "true" : null, streaming: true, ct)
            : null,
        FailureOf = StreamFailure,
        RunIdOf = StreamRunId,
        HasEnded = static (s, point, ct) => RunIdOf(point.ContentLocation) is { } runId ? RunEndedAsync(s.Api, s.ThreadId, runId, ct) : Task.FromResult(true),
    };

    /// <summary>
    /// Join a run's stream, and re-join it after a break from the last event received, asking each time for the same
    /// stream modes and subgraph events.
    /// </summary>
    private static readonly RunStreamDefinition<(ILangGraphRunsApi Api, Guid ThreadId, Guid RunId, string? LastEventId, IEnumerable<string>? Modes, string? Subgraphs)> JoinStream = new()
    {
        Open = static (s, ct) => s.Api.JoinThreadRunStreamAsync(s.ThreadId, s.RunId, s.LastEventId, s.Modes, s.Subgraphs, streaming: true, ct),
        Resume = static (s, point, ct) => s.Api.JoinThreadRunStreamAsync(s.ThreadId, s.RunId, point.LastEventId ?? s.LastEventId, s.Modes, s.Subgraphs, streaming: true, ct),
        FailureOf = StreamFailure,
        HasEnded = static (s, _, ct) => RunEndedAsync(s.Api, s.ThreadId, s.RunId, ct),
    };

    private readonly ILangGraphRunsApi _api;

    private LangGraphRunsClient(RunClientContext context)
        : base(context)
    {
        _api = RestService.ForGenerated<ILangGraphRunsApi>(context.HttpClient, RefitSettings);
        BaseAddress = context.HttpClient.BaseAddress;
    }

    /// <summary>The server's address, for the agents layer's metadata.</summary>
    internal Uri? BaseAddress { get; }

    /// <summary>How <c>AddLangGraphClient</c> plugs this client into the core.</summary>
    internal static RunClientDefinition<LangGraphClientOptions, ILangGraphRunsClient> Definition { get; } = new()
    {
        SourceName = SourceName,
        HttpClientName = "LangGraph.Client",
        Telemetry = LangGraphTelemetry.Instance,
        Validator = LangGraphClientOptionsValidator.Instance,
        ErrorParser = LangGraphErrorParser.Instance,
        ApiKeyHeader = "x-api-key",
        ApiKey = LangGraphApiKey.Resolve,
        LoggerCategory = typeof(LangGraphRunsClient).FullName,
        CreateClient = context => new LangGraphRunsClient(context),
        CreateAgentConnector = LangGraphAgentExtensions.Connector,
    };

    /// <summary>
    /// Creates a client for apps without dependency injection, with the same pipeline as the DI registration.
    /// Create it once and reuse it, as you would an <see cref="HttpClient"/>.
    /// </summary>
    /// <param name="configure">Sets the options; they are validated before this returns.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to fix.</exception>
    public static LangGraphRunsClient Create(Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return (LangGraphRunsClient)RunClientRegistration.CreateStandalone(services => services.AddLangGraphClient(configure), Definition);
    }

    /// <inheritdoc />
    public Task<ThreadRun> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId, runId);
        return Pipeline.SendAsync(
            GetThreadRunEndpoint, (Api: _api, ThreadId: threadId, RunId: runId), static (s, ct) => s.Api.GetThreadRunAsync(s.ThreadId, s.RunId, ct),
            LangGraphJsonContext.Default.ThreadRun,
            validate: static (s, run) => run.RunId == s.RunId && run.ThreadId == s.ThreadId ? null
                : $"it is run {run.RunId} of thread {run.ThreadId}, not the run {s.RunId} of thread {s.ThreadId} asked for",
            runId: Pipeline.SpanTag(runId), threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThreadRun>> ListThreadRunsAsync(
        Guid threadId, int? limit = null, int? offset = null, ThreadRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidateStatus(status);
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The page size must be at least 1.");
        }

        if (offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must not be negative.");
        }

        // Null items (a server's [{...}, null]) are skipped rather than handed to the caller.
        var runs = await Pipeline.SendAsync(
            ListThreadRunsEndpoint, (Api: _api, ThreadId: threadId, Limit: limit, Offset: offset, Status: status?.Value),
            static (s, ct) => s.Api.ListThreadRunsAsync(s.ThreadId, s.Limit, s.Offset, s.Status, ct),
            LangGraphJsonContext.Default.IReadOnlyListThreadRun, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return runs.WithoutNulls();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ThreadRun> EnumerateThreadRunsAsync(
        Guid threadId, int pageSize = 100, ThreadRunStatus? status = null, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call rather than at the first MoveNext.
        ValidateIds(threadId);
        ValidateStatus(status);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return Pages.EnumerateAsync<ThreadRun, Guid>(
            (offset, _, ct) => ListThreadRunsAsync(threadId, pageSize, offset, status, ct), static run => run.RunId, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ThreadRun> CreateThreadRunAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidateRequest(request, streamingOrWaiting: false);
        return Pipeline.SendAsync(
            CreateThreadRunEndpoint, (Api: _api, ThreadId: threadId, Request: request),
            static (s, ct) => s.Api.CreateThreadRunAsync(s.ThreadId, s.Request, createsRun: true, ct),
            LangGraphJsonContext.Default.ThreadRun, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ThreadRunEvent> StreamThreadRunAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidateRequest(request, streamingOrWaiting: true);
        // The server keeps a resumable run's events, so a re-join after a break misses none; one the caller made not
        // resumable is not re-joined at all (its events in the gap would be lost without a word).
        request = request with { StreamResumable = request.StreamResumable ?? true };
        return Pipeline.StreamAsync(StreamThreadRunEndpoint, CreateStream, (Api: _api, ThreadId: threadId, Request: request), Typed,
            threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ThreadRunEvent> JoinThreadRunStreamAsync(
        Guid threadId, Guid runId, string? lastEventId = null, IReadOnlyList<StreamMode>? streamMode = null, bool streamSubgraphs = false,
        CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId, runId);
        if (lastEventId is not null && (lastEventId.Length == 0 || lastEventId.AsSpan().IndexOfAny('\r', '\n') >= 0))
        {
            throw new ArgumentException("The last event id must be a non-empty id without line breaks, or null to join from the start.", nameof(lastEventId));
        }

        if (streamMode is { Count: 0 } || streamMode?.Any(static mode => string.IsNullOrWhiteSpace(mode.Value)) == true)
        {
            throw new ArgumentException("The stream modes must be a non-empty list of modes (e.g. StreamMode.Updates), or null for the run's own.", nameof(streamMode));
        }

        var state = (Api: _api, ThreadId: threadId, RunId: runId, LastEventId: lastEventId, Modes: streamMode?.Select(static m => m.Value).ToArray(), Subgraphs: streamSubgraphs ? "true" : null);
        return Pipeline.StreamAsync(JoinThreadRunStreamEndpoint, JoinStream, state, Typed, runId.ToString(), threadId.ToString(), cancellationToken);
    }

    /// <summary>The core's event as this package's typed one.</summary>
    private static ThreadRunEvent Typed(RunStreamEvent e) => new() { Event = e.Event, Data = e.Data, Id = e.Id };

    /// <inheritdoc />
    public Task<JsonElement> CreateThreadRunAndWaitAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default)
        => CreateThreadRunAndWaitAsync(threadId, request, LangGraphJsonContext.Default.JsonElement, cancellationToken);

    /// <inheritdoc />
    public Task<JsonElement> JoinThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default)
        => JoinThreadRunAsync(threadId, runId, LangGraphJsonContext.Default.JsonElement, cancellationToken);

    /// <inheritdoc />
    public Task CancelThreadRunAsync(
        Guid threadId, Guid runId, RunCancelAction? action = null, bool wait = false, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId, runId);
        var actionValue = CancelActionValue(action);

        // Servers read any "wait" value as true (LangGraph.js), so it is only sent when true.
        return Pipeline.SendWithoutResultAsync(
            CancelThreadRunEndpoint, (Api: _api, ThreadId: threadId, RunId: runId, Action: actionValue, Wait: wait ? "true" : null),
            static (s, ct) => s.Api.CancelThreadRunAsync(s.ThreadId, s.RunId, s.Action, s.Wait, ct),
            Pipeline.SpanTag(runId), Pipeline.SpanTag(threadId), cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId, runId);
        return Pipeline.SendWithoutResultAsync(
            DeleteThreadRunEndpoint, (Api: _api, ThreadId: threadId, RunId: runId),
            static (s, ct) => s.Api.DeleteThreadRunAsync(s.ThreadId, s.RunId, ct),
            Pipeline.SpanTag(runId), Pipeline.SpanTag(threadId), cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphThread> CreateThreadAsync(LangGraphThreadRequest? request = null, CancellationToken cancellationToken = default)
    {
        if (request?.ThreadId == Guid.Empty)
        {
            throw new ArgumentException("LangGraphThreadRequest.ThreadId must not be Guid.Empty; leave it null to let the server pick one.", nameof(request));
        }

        if (ThreadRunRequest.IsBlank(request?.IfExists))
        {
            throw new ArgumentException("LangGraphThreadRequest.IfExists needs a value (IfThreadExists.Raise or IfThreadExists.DoNothing), not default.", nameof(request));
        }

        return Pipeline.SendAsync(
            CreateThreadEndpoint, (Api: _api, Request: request ?? EmptyThreadRequest), static (s, ct) => s.Api.CreateThreadAsync(s.Request, ct),
            LangGraphJsonContext.Default.LangGraphThread, threadId: Pipeline.SpanTag(request?.ThreadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphThread> GetThreadAsync(Guid threadId, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        return Pipeline.SendAsync(
            GetThreadEndpoint, (Api: _api, ThreadId: threadId), static (s, ct) => s.Api.GetThreadAsync(s.ThreadId, ct),
            LangGraphJsonContext.Default.LangGraphThread, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Human in the loop: a run whose own status is <c>success</c> but that left its thread parked (on <c>interrupt()</c> or an
    /// interrupt-before/after node) reads as <see cref="RunState.RequiresInput"/>; a failed run's <see cref="RunSnapshot.Error"/>
    /// holds the error of the step that failed. Both come from the thread's state, so they are known while the run is the
    /// thread's latest (a later run on the same thread hides them). That costs one more request, made only when the run's own
    /// status is <c>success</c> or <c>error</c>, so never on the polls of a running run.
    /// </remarks>
    /// <exception cref="ArgumentException"><see cref="RunReference.ThreadId"/> is missing, or an id is not a GUID.</exception>
    public override async Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!Guid.TryParse(run.ThreadId, out var threadId))
        {
            throw new ArgumentException(
                run.ThreadId is null
                    ? "LangGraph runs are addressed per thread: set RunReference.ThreadId."
                    : $"RunReference.ThreadId '{run.ThreadId}' is not a GUID.",
                nameof(run));
        }

        if (!Guid.TryParse(run.RunId, out var runId))
        {
            throw new ArgumentException($"RunReference.RunId '{run.RunId}' is not a GUID.", nameof(run));
        }

        var value = await GetThreadRunAsync(threadId, runId, cancellationToken).ConfigureAwait(false);
        // A named client reports under its registration name.
        var snapshot = value.ToSnapshot() with { Source = Name };
        if (snapshot.State is not (RunState.Succeeded or RunState.Failed))
        {
            return snapshot;
        }

        // The run's own JSON cannot tell a run parked on interrupt() from a finished one, and carries no error text:
        // the thread's state can, when this run wrote its latest checkpoint.
        var state = await TryGetThreadStateAsync(threadId, cancellationToken).ConfigureAwait(false);
        if (state?.Metadata?.TryGetValue("run_id", out var writer) != true || writer.ValueKind != JsonValueKind.String
            || !Guid.TryParse(writer.GetString(), out var writerId) || writerId != runId)
        {
            return snapshot;
        }

        var pending = state.Next is { Count: > 0 } || state.Tasks?.Any(t => t.Interrupts is { Count: > 0 }) == true;
        return snapshot.State == RunState.Succeeded
            ? pending ? snapshot with { State = RunState.RequiresInput } : snapshot
            : snapshot with { Error = state.Tasks?.Select(t => t.Error).FirstOrDefault(e => e is not null) is { } error ? DescribeTaskError(error) : null };
    }

    /// <summary>The thread's state, or null when the thread (or the endpoint) is not there.</summary>
    private async Task<LangGraphThreadState?> TryGetThreadStateAsync(Guid threadId, CancellationToken cancellationToken)
    {
        try
        {
            return await GetThreadStateAsync(threadId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A task's error: LangGraph.js stores <c>{"message", "name"}</c> as JSON text, the Python server plain text.</summary>
    private static string DescribeTaskError(JsonElement error)
    {
        JsonDocument? nested = null;
        try
        {
            var value = error;
            if (error.ValueKind == JsonValueKind.String && error.GetString() is ['{', ..] text)
            {
                try
                {
                    nested = JsonDocument.Parse(text);
                    value = nested.RootElement;
                }
                catch (JsonException)
                {
                    // Not JSON after all: the text is the error.
                }
            }

            if (value.ValueKind == JsonValueKind.Object && StringOf(value, "message") is { } message)
            {
                return (StringOf(value, "name") ?? StringOf(value, "error")) is { } name ? $"{name}: {message}" : message;
            }

            return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
        }
        finally
        {
            nested?.Dispose();
        }
    }

    /// <summary>
    /// A join or wait answer of a failed run: <c>{"__error__": {"error": name, "message": text}}</c> (LangGraph.js nests the
    /// same object, JSON-encoded, inside <c>message</c>).
    /// </summary>
    internal static RunFailure? JoinFailure(JsonElement output)
        => output.ValueKind == JsonValueKind.Object && output.TryGetProperty("__error__", out var error) ? Failure(error) : null;

    /// <summary>The run a stream's <c>metadata</c> event names (<c>{"run_id": …}</c>), for a broken stream's error.</summary>
    private static string? StreamRunId(RunStreamEvent e)
        => e.Event == "metadata" && e.Data.ValueKind == JsonValueKind.Object ? StringOf(e.Data, "run_id") : null;

    /// <summary>A stream's <c>error</c> event.</summary>
    internal static RunFailure? StreamFailure(RunStreamEvent e)
        => e.Event == "error" ? Failure(e.Data) : null;

    private static RunFailure Failure(JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object)
        {
            return new RunFailure(null, error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText());
        }

        var name = StringOf(error, "error");
        var message = StringOf(error, "message");
        if (message is ['{', ..])
        {
            try
            {
                using var nested = JsonDocument.Parse(message);
                if (nested.RootElement.ValueKind == JsonValueKind.Object && StringOf(nested.RootElement, "message") is { } inner)
                {
                    name = StringOf(nested.RootElement, "error") ?? name;
                    message = inner;
                }
            }
            catch (JsonException)
            {
                // Not nested JSON after all: the text is the message.
            }
        }

        return new RunFailure(name, message);
    }

    private static string? StringOf(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Whether a run whose stream body ended cleanly is over. The Agent Server sends no end event; it closes a run's stream
    /// once the run's status is final, so a run still <c>pending</c> or <c>running</c> after a close means a proxy or load
    /// balancer cut the stream (re-joined then). A run that cannot be read is taken as over: the check only ever adds a
    /// re-join, it never fails a stream.
    /// </summary>
    private static async Task<bool> RunEndedAsync(ILangGraphRunsApi api, Guid threadId, Guid runId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await api.GetThreadRunAsync(threadId, runId, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return true;
            }

            using var body = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return body.RootElement.ValueKind != JsonValueKind.Object
                || StringOf(body.RootElement, "status") is not ("pending" or "running");
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The run cannot be read (any failure): take the stream as ended, as before the check existed.
            return true;
        }
    }

    /// <summary>The run id of a stream's <c>Content-Location</c> (<c>…/threads/{thread_id}/runs/{run_id}</c>).</summary>
    private static Guid? RunIdOf(Uri? contentLocation)
    {
        var segments = contentLocation?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var at = Array.LastIndexOf(segments, "runs");
        return at >= 0 && at + 1 < segments.Length && Guid.TryParse(segments[at + 1], out var runId) ? runId : null;
    }

    private static void ValidateIds(Guid threadId, Guid? runId = null)
    {
        if (threadId == Guid.Empty)
        {
            throw new ArgumentException("The thread id must not be Guid.Empty.", nameof(threadId));
        }

        if (runId == Guid.Empty)
        {
            throw new ArgumentException("The run id must not be Guid.Empty.", nameof(runId));
        }
    }

    /// <summary>A status filter made with default(...) would be sent as no filter at all: refused instead.</summary>
    private static void ValidateStatus(ThreadRunStatus? status)
    {
        if (ThreadRunRequest.IsBlank(status))
        {
            throw new ArgumentException("The status filter needs a value (e.g. ThreadRunStatus.Success), not default; pass null for every status.", nameof(status));
        }
    }

    private static void ValidateRequest(ThreadRunRequest request, bool streamingOrWaiting, bool stateless = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request), streamingOrWaiting, stateless);
    }

    /// <summary>The cancel action to send: interrupt when none is given.</summary>
    private static string CancelActionValue(RunCancelAction? action, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(action))] string? paramName = null)
    {
        if (ThreadRunRequest.IsBlank(action))
        {
            throw new ArgumentException("The action needs a value (RunCancelAction.Interrupt or RunCancelAction.Rollback), not default.", paramName);
        }

        return (action ?? RunCancelAction.Interrupt).Value;
    }

    /// <summary>The paging of a list call: the servers accept 1–1000 items per page.</summary>
    private static void ValidatePage(int? limit, int? offset)
    {
        if (limit is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The page size must be between 1 and 1000.");
        }

        if (offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must not be negative.");
        }
    }

    private static void ValidatePageSize(int pageSize)
    {
        if (pageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be between 1 and 1000.");
        }
    }

    private static void ValidateSort(string? sortBy, System.ComponentModel.ListSortDirection? sortOrder, string paramName)
    {
        if (sortBy is not null && string.IsNullOrWhiteSpace(sortBy))
        {
            throw new ArgumentException("SortBy must name a field, or be null for the server's order.", paramName);
        }

        if (sortOrder is not (null or System.ComponentModel.ListSortDirection.Ascending or System.ComponentModel.ListSortDirection.Descending))
        {
            throw new ArgumentException($"SortOrder {sortOrder} is not Ascending or Descending.", paramName);
        }
    }
}

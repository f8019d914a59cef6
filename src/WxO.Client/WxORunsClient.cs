using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using SharedSource;
using WxO.Client.Authentication;
using WxO.Client.Errors;
using WxO.Client.Http;
using WxO.Client.Models;
using WxO.Client.Primitives;
using WxO.Client.Serialization;

namespace WxO.Client;

/// <summary>
/// The watsonx Orchestrate runs client. Get it from DI (<c>services.AddWxOClient(...)</c>), or, without DI,
/// from <see cref="Create(Action{WxOClientOptions})"/>. Thread-safe; create it once and reuse it.
/// </summary>
public sealed class WxORunsClient : RunClient, IWxORunsClient
{
    /// <summary>The <see cref="IRunSource.Name"/> and DI key of this source: <c>"wxo"</c>.</summary>
    public const string SourceName = "wxo";

    private static readonly RefitSettings RefitSettings = RefitDefaults.For(WxOJsonContext.Default);

    private static readonly RunEndpoint GetRunEndpoint = new("GetRun", "GET", "/v1/orchestrate/runs/{run_id}");
    private static readonly RunEndpoint ListRunsEndpoint = new("ListRuns", "GET", "/v1/orchestrate/runs");
    private static readonly RunEndpoint CreateRunEndpoint = new("CreateRun", "POST", "/v1/orchestrate/runs");
    private static readonly RunEndpoint StreamRunEndpoint = new("StreamRun", "POST", "/v1/orchestrate/runs/stream");
    private static readonly RunEndpoint CancelRunEndpoint = new("CancelRun", "POST", "/v1/orchestrate/runs/cancel/{run_id}");
    private static readonly RunEndpoint GetRunEventsEndpoint = new("GetRunEvents", "GET", "/v1/orchestrate/runs/{run_id}/events");
    private static readonly RunEndpoint GetThreadMessagesEndpoint = new("GetThreadMessages", "GET", "/v1/orchestrate/threads/{thread_id}/messages");

    /// <summary>
    /// Start and stream: never re-posted. Ends on <c>done</c> or a run's end event; <c>run.failed</c> ends it with
    /// <see cref="RunFailedException"/>. A stream that breaks (or ends before its end event) is recovered from the run's
    /// recorded events (<c>GET …/runs/{id}/events</c>), read until the run stops: the caller gets the rest, once each.
    /// </summary>
    private static readonly RunStreamDefinition<(WxORunsClient Client, CreateRunRequest Request)> CreateStream = new()
    {
        Open = static (s, ct) => s.Client._api.StreamRunAsync(s.Request, createsRun: true, streaming: true, ct),
        Unwrap = UnwrapEnvelope,
        FailureOf = static e => string.Equals(e.Event, "run.failed", StringComparison.OrdinalIgnoreCase) ? FailureOf(ToRunEvent(e)) : null,
        IsLast = static e => IsEnd(e.Event),
        // Orchestrate ends every stream with done or a run.* end event (its event list): a body that stops before is cut.
        HasEnded = static (_, _, _) => Task.FromResult(false),
        RunIdOf = static e => e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("run_id", out var id)
            && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } runId ? runId : null,
        Replay = static (s, runId, ct) => s.Client.ReplayAsync(runId, ct),
        CancelsOnExit = static s => s.Request.CancelOnDisconnect,
        CancelRun = static (s, runId, ct) => s.Client.CancelRunAsync(runId, ct),
    };

    private readonly IWxORunsApi _api;

    private WxORunsClient(RunClientContext context)
        : base(context)
    {
        _api = RestService.ForGenerated<IWxORunsApi>(context.HttpClient, RefitSettings);
        BaseAddress = context.HttpClient.BaseAddress;
    }

    /// <summary>The server's base address (what the agents layer reports as its endpoint).</summary>
    internal Uri? BaseAddress { get; }

    /// <summary>How <c>AddWxOClient</c> plugs this client into the core.</summary>
    internal static RunClientDefinition<WxOClientOptions, IWxORunsClient> Definition { get; } = new()
    {
        SourceName = SourceName,
        HttpClientName = "WxO.Client",
        Telemetry = WxOTelemetry.Instance,
        Validator = WxOClientOptionsValidator.Instance,
        ErrorParser = WxOErrorParser.Instance,
        CreateTokenProvider = IbmSignIn.CreateTokenProvider,
        OtherSecrets = static options => [options.ApiKey],
        LoggerCategory = typeof(WxORunsClient).FullName,
        CreateClient = context => new WxORunsClient(context),
        CreateAgentConnector = WxOAgentExtensions.Connector,
    };

    /// <summary>
    /// Creates a client for apps without dependency injection, with the same pipeline (credentials, retries,
    /// timeouts) as <c>AddWxOClient</c>. Create it once and reuse it, as you would an <see cref="HttpClient"/>.
    /// </summary>
    /// <param name="configure">Sets the options; they are validated before this returns.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message says what to fix.</exception>
    public static WxORunsClient Create(Action<WxOClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return (WxORunsClient)RunClientRegistration.CreateStandalone(services => services.AddWxOClient(configure), Definition);
    }

    /// <inheritdoc />
    public Task<AssistantRun> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ValidateRunId(runId, nameof(runId));
        return Pipeline.SendAsync(
            GetRunEndpoint, (Api: _api, RunId: runId), static (s, ct) => s.Api.GetRunAsync(s.RunId, ct),
            WxOJsonContext.Default.AssistantRun,
            validate: static (s, run) => run.Id == s.RunId ? null : $"it is run '{run.Id}', not the run '{s.RunId}' asked for",
            runId: runId, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<AssistantRunPage> ListRunsAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The page size must be at least 1.");
        }

        if (offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must not be negative.");
        }

        return Pipeline.SendAsync(
            ListRunsEndpoint, (Api: _api, Limit: limit, Offset: offset),
            static (s, ct) => s.Api.ListRunsAsync(s.Limit, s.Offset, ct), WxOJsonContext.Default.AssistantRunPage, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AssistantRun> EnumerateRunsAsync(int pageSize = 100, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call rather than at the first MoveNext.
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return EnumerateRunsCoreAsync(pageSize, cancellationToken);
    }

    private async IAsyncEnumerable<AssistantRun> EnumerateRunsCoreAsync(int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Cancels the prefetched page when the consumer stops early.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var offset = 0;
        // Every id yielded is remembered (one string per run): a page that brings no run not yet yielded ends the iteration,
        // so a server that ignores offset, repeats pages or cycles through a set of pages cannot make it loop.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<AssistantRun>(pageSize);
        Task<AssistantRunPage>? next = ListRunsAsync(pageSize, offset, stop.Token);
        try
        {
            while (next is not null)
            {
                var page = await next.ConfigureAwait(false);
                next = null;
                var runs = page.Data;
                fresh.Clear();
                foreach (var run in runs)
                {
                    if (seen.Add(run.Id))
                    {
                        fresh.Add(run);
                    }
                }

                // An empty page, or one with nothing new (a server ignoring offset or cycling), ends the iteration.
                if (fresh.Count == 0)
                {
                    yield break;
                }

                offset += runs.Count;
                // A server may cap the page below what was asked; the limit it echoes is the real page size.
                var effectiveLimit = page.Limit is > 0 ? Math.Min(page.Limit.Value, pageSize) : pageSize;
                var more = runs.Count >= effectiveLimit && !(page.Total is { } total && offset >= total);
                if (more)
                {
                    // Fetched while the consumer works on this page: at most one page ahead, so memory stays flat.
                    next = ListRunsAsync(pageSize, offset, stop.Token);
                }

                foreach (var run in fresh)
                {
                    // A cancelled enumeration stops here, not after the rest of the page.
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return run;
                }

            }
        }
        finally
        {
            if (next is not null)
            {
                // The consumer stopped early: nobody will read the prefetched page, so its outcome (a result,
                // the cancellation, or a failure) is observed here and discarded rather than left unobserved.
                await stop.CancelAsync().ConfigureAwait(false);
                await next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public Task<AssistantRunIds> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ValidateRequest(request);
        if (request.CancelOnDisconnect)
        {
            throw new ArgumentException("CreateRunRequest.CancelOnDisconnect applies to StreamRunAsync only: a background run has no connection to lose.", nameof(request));
        }

        return Pipeline.SendAsync(
            CreateRunEndpoint, (Api: _api, Request: request), static (s, ct) => s.Api.CreateRunAsync(s.Request, createsRun: true, ct),
            WxOJsonContext.Default.AssistantRunIds, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<AssistantRunEvent> StreamRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call rather than at the first MoveNext.
        ValidateRequest(request);
        return Pipeline.StreamAsync(StreamRunEndpoint, CreateStream, (Client: this, Request: request), ToRunEvent, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AssistantRunIds> CancelRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ValidateRunId(runId, nameof(runId));
        try
        {
            return await Pipeline.SendAsync(
                CancelRunEndpoint, (Api: _api, RunId: runId), static (s, ct) => s.Api.CancelRunAsync(s.RunId, ct),
                WxOJsonContext.Default.AssistantRunIds, runId: runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RunApiException ex) when (ex is not (ResourceNotFoundException or RunAuthenticationException) && (int?)ex.StatusCode is >= 400 and < 500)
        {
            // A run that already ended cannot be cancelled, and servers say so with an error; that is not the caller's
            // problem: the run is over either way. Anything else (the run still going) is the error it was.
            var run = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            if (!run.ToSnapshot().IsTerminal)
            {
                throw;
            }

            return new AssistantRunIds { RunId = run.Id, ThreadId = run.ThreadId };
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AssistantRunEvent>> GetRunEventsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ValidateRunId(runId, nameof(runId));
        var events = await Pipeline.SendAsync(
            GetRunEventsEndpoint, (Api: _api, RunId: runId), static (s, ct) => s.Api.GetRunEventsAsync(s.RunId, ct),
            WxOJsonContext.Default.IReadOnlyListAssistantRunEvent, runId: runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return events.WithoutNulls();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ThreadMessage>> GetThreadMessagesAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ValidateRunId(threadId, nameof(threadId));
        var body = await Pipeline.SendAsync(
            GetThreadMessagesEndpoint, (Api: _api, ThreadId: threadId), static (s, ct) => s.Api.GetThreadMessagesAsync(s.ThreadId, ct),
            WxOJsonContext.Default.JsonElement,
            validate: static (_, body) => Messages(body).ValueKind == JsonValueKind.Array ? null : "it is neither a list of messages nor {\"data\": [...]}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var messages = new List<ThreadMessage>();
        foreach (var item in Messages(body).EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object && item.Deserialize(WxOJsonContext.Default.ThreadMessage) is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;

        static JsonElement Messages(JsonElement body)
            => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) ? data : body;
    }

    /// <summary>
    /// A stream event as the vendor's clients read it: an SSE event or JSON line whose data is itself
    /// <c>{"id", "event", "data"}</c> is that inner event; a named SSE event is taken as it is.
    /// </summary>
    private static RunStreamEvent UnwrapEnvelope(RunStreamEvent e)
    {
        var data = e.Data;
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String
            || (e.Event != "message" && !name.ValueEquals(e.Event)))
        {
            return e;
        }

        // Every event of Orchestrate's stream passes here: the name is read once, and compared without a string.
        return new RunStreamEvent
        {
            Id = data.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : e.Id,
            Event = e.Event == "message" ? name.GetString()! : e.Event,
            Data = data.TryGetProperty("data", out var inner) ? inner : default,
        };
    }

    /// <summary>The events after which Orchestrate sends nothing more (compared without case, and without allocating per event).</summary>
    private static bool IsEnd(string name)
        => string.Equals(name, "done", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "run.completed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "run.cancelled", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "run.expired", StringComparison.OrdinalIgnoreCase);

    private static AssistantRunEvent ToRunEvent(RunStreamEvent e) => new() { Id = e.Id, Event = e.Event, Data = e.Data };

    /// <summary>
    /// What a broken stream is recovered from: the run read first, then its events, so a run already stopped (ended, or
    /// waiting for the user) means the events are all there will be.
    /// </summary>
    private async Task<RunStreamReplay> ReplayAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        var events = await GetRunEventsAsync(runId, cancellationToken).ConfigureAwait(false);
        var recorded = new RunStreamEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            recorded[i] = new RunStreamEvent { Id = events[i].Id, Event = events[i].Event.Value, Data = events[i].Data };
        }

        return new RunStreamReplay(recorded, WxORunStates.From(run.Status?.Value) is not (RunState.Pending or RunState.Running or RunState.Waiting or RunState.Unknown));
    }

    /// <summary>The error a <c>run.failed</c> event carries: <c>error</c> (text or <c>{message}</c>), <c>last_error</c> or <c>message</c>.</summary>
    private static RunFailure FailureOf(AssistantRunEvent e)
    {
        var data = e.Data;
        string? Text(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Object when value.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;
        var runId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("run_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        return new RunFailure(null, Text("error") ?? Text("last_error") ?? Text("message"), runId);
    }

    private static void ValidateRequest(CreateRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Message is null)
        {
            throw new ArgumentException("CreateRunRequest.Message is required: RunMessage.FromUser(\"…\") for text.", nameof(request));
        }

        if (string.IsNullOrWhiteSpace(request.Message.Role))
        {
            throw new ArgumentException("CreateRunRequest.Message.Role is required (\"user\" for a person's message).", nameof(request));
        }

        if (request.Message.Content is null or JsonArray { Count: 0 }
            || request.Message.Content is JsonValue text && text.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s))
        {
            throw new ArgumentException("CreateRunRequest.Message.Content is empty: send the text (or the content items) of the message.", nameof(request));
        }

        if (request.AgentId is { } agentId && string.IsNullOrWhiteSpace(agentId))
        {
            throw new ArgumentException("CreateRunRequest.AgentId is empty: leave it null for the default agent.", nameof(request));
        }

        if (request.ThreadId is { } threadId && string.IsNullOrWhiteSpace(threadId))
        {
            throw new ArgumentException("CreateRunRequest.ThreadId is empty: leave it null to start a new thread.", nameof(request));
        }
    }

    /// <inheritdoc />
    public override async Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ValidateRunId(run.RunId, nameof(run));
        var value = await GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        // A named client reports under its registration name.
        return value.ToSnapshot() with { Source = Name };
    }

    /// <summary>A run id must be one real path segment: "." and ".." would be resolved away by the URL.</summary>
    internal static void ValidateRunId(string? runId, string paramName)
    {
        if (string.IsNullOrWhiteSpace(runId))
        {
            throw new ArgumentException("The run id must not be null, empty or whitespace.", paramName);
        }

        if (runId is "." or "..")
        {
            throw new ArgumentException($"'{runId}' is not a valid run id.", paramName);
        }
    }
}

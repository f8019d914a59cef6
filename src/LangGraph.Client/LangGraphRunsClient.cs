using LangGraph.Client.Errors;
using LangGraph.Client.Http;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;
using SharedSource;
using WxO.Client;
using WxO.Client.Primitives;

namespace LangGraph.Client;

/// <summary>
/// The LangGraph thread-run client. Get it from DI (<c>services.AddLangGraphClient(...)</c> or
/// <c>AddWxOClient(...).AddLangGraphClient(...)</c>), or without DI from <see cref="Create"/>. Thread-safe.
/// </summary>
public sealed class LangGraphRunsClient : ILangGraphRunsClient, IInstrumentedRunSource
{
    /// <summary>The <see cref="IRunSource.Name"/> and DI key of this source: <c>"langgraph"</c>.</summary>
    public const string SourceName = "langgraph";

    private static readonly RefitSettings RefitSettings = RefitDefaults.For(LangGraphJsonContext.Default);

    private static readonly RunEndpoint GetThreadRunEndpoint = new("GetThreadRun", "GET", "/threads/{thread_id}/runs/{run_id}");

    private readonly ILangGraphRunsApi _api;
    private readonly RunClientPipeline _pipeline;

    // Only set for clients made by Create: keeps their private container (and its HTTP handlers) alive.
    private readonly IDisposable? _owner;

    private LangGraphRunsClient(RunClientContext context)
    {
        _api = RestService.ForGenerated<ILangGraphRunsApi>(context.HttpClient, RefitSettings);
        _pipeline = context.Pipeline;
        _owner = context.Owner;
    }

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

    RunTelemetry IInstrumentedRunSource.Telemetry => _pipeline.Telemetry;

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public Task<ThreadRun> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default)
    {
        if (threadId == Guid.Empty)
        {
            throw new ArgumentException("The thread id must not be Guid.Empty.", nameof(threadId));
        }

        if (runId == Guid.Empty)
        {
            throw new ArgumentException("The run id must not be Guid.Empty.", nameof(runId));
        }

        return _pipeline.SendAsync(
            GetThreadRunEndpoint, (Api: _api, ThreadId: threadId, RunId: runId), static (s, ct) => s.Api.GetThreadRunAsync(s.ThreadId, s.RunId, ct),
            LangGraphJsonContext.Default.ThreadRun, runId.ToString(), threadId.ToString(), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="RunReference.ThreadId"/> is missing, or an id is not a GUID.</exception>
    public async Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
    {
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
        return ToSnapshot(value);
    }

    /// <summary>The vendor-neutral view of a run you already hold, without another request.</summary>
    /// <param name="run">The run.</param>
    public static RunSnapshot ToSnapshot(ThreadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var raw = run.Status?.Value;
        return new RunSnapshot
        {
            Source = SourceName,
            RunId = run.RunId.ToString(),
            ThreadId = run.ThreadId.ToString(),
            AssistantId = run.AssistantId?.ToString(),
            State = LangGraphRunStates.From(raw),
            RawStatus = raw,
            CreatedAt = run.CreatedAt,
            UpdatedAt = run.UpdatedAt,
        };
    }
}

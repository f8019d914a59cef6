using LangGraph.Client.Http;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Refit;
using WxO.Client.Diagnostics;
using WxO.Client;
using WxO.Client.Http;

namespace LangGraph.Client;

/// <summary>
/// The LangGraph thread-run client. Get it from DI (<c>services.AddLangGraphClient(...)</c> or
/// <c>AddWxOClient(...).AddLangGraphClient(...)</c>), or without DI from <see cref="Create"/>. Thread-safe.
/// </summary>
public sealed class LangGraphRunsClient : ILangGraphRunsClient
{
    /// <summary>The <see cref="IRunSource.Name"/> and DI key of this source: <c>"langgraph"</c>.</summary>
    public const string SourceName = "langgraph";

    internal const string HttpClientName = "LangGraph.Client";

    private static readonly RefitSettings RefitSettings = RefitDefaults.For(LangGraphJsonContext.Default);

    private static readonly RunTelemetry Telemetry = LangGraphTelemetry.Instance;
    private static readonly RunOperation GetThreadRunOperation = new(Telemetry, "GetThreadRun", "/threads/{thread_id}/runs/{run_id}");

    private readonly ILangGraphRunsApi _api;
    private readonly ILogger _logger;
    private readonly Uri? _server;

    // Only set for clients made by Create: keeps their private container (and its HTTP handlers) alive.
    private readonly IServiceProvider? _ownedServices;

    internal LangGraphRunsClient(HttpClient httpClient, ILogger logger, IServiceProvider? ownedServices = null)
    {
        _api = RestService.ForGenerated<ILangGraphRunsApi>(httpClient, RefitSettings);
        _logger = logger;
        _server = httpClient.BaseAddress;
        _ownedServices = ownedServices;
    }

    /// <summary>
    /// Creates a client for apps without dependency injection, with the same pipeline as the DI registration.
    /// Create it once and reuse it, as you would an <see cref="HttpClient"/>.
    /// </summary>
    /// <param name="configure">Sets the options; they are validated before this returns.</param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message says what to fix.</exception>
    public static LangGraphRunsClient Create(Action<LangGraphClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        // Creating the HttpClient applies, and so validates, the options: invalid ones throw here.
        var client = RunSourceRegistration.CreateStandalone(
            services => services.AddLangGraphClient(configure), HttpClientName, (http, provider) => new LangGraphRunsClient(http, provider.CreateLogger<LangGraphRunsClient>(), provider));
        return client;
    }

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

        return RunResponseReader.ReadAsync(
            new RunCall(GetThreadRunOperation, _logger, _server, runId.ToString(), threadId.ToString()),
            (Api: _api, ThreadId: threadId, RunId: runId), static (s, ct) => s.Api.GetThreadRunAsync(s.ThreadId, s.RunId, ct),
            LangGraphJsonContext.Default.ThreadRun, cancellationToken);
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
            State = RunStateMapping.FromLangGraph(raw),
            RawStatus = raw,
            CreatedAt = run.CreatedAt,
            UpdatedAt = run.UpdatedAt,
        };
    }
}

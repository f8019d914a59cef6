using System.Runtime.CompilerServices;
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
public sealed class WxORunsClient : IWxORunsClient, IInstrumentedRunSource
{
    /// <summary>The <see cref="IRunSource.Name"/> and DI key of this source: <c>"wxo"</c>.</summary>
    public const string SourceName = "wxo";

    private static readonly RefitSettings RefitSettings = RefitDefaults.For(WxOJsonContext.Default);

    private static readonly RunEndpoint GetRunEndpoint = new("GetRun", "GET", "/v1/orchestrate/runs/{run_id}");
    private static readonly RunEndpoint ListRunsEndpoint = new("ListRuns", "GET", "/v1/orchestrate/runs");

    private readonly IWxORunsApi _api;
    private readonly RunClientPipeline _pipeline;

    // Only set for clients made by Create: keeps their private container (and its HTTP handlers) alive.
    private readonly IDisposable? _owner;

    private WxORunsClient(RunClientContext context)
    {
        _api = RestService.ForGenerated<IWxORunsApi>(context.HttpClient, RefitSettings);
        _pipeline = context.Pipeline;
        _owner = context.Owner;
    }

    /// <summary>How <c>AddWxOClient</c> plugs this client into the core.</summary>
    internal static RunClientDefinition<WxOClientOptions, IWxORunsClient> Definition { get; } = new()
    {
        SourceName = SourceName,
        HttpClientName = "WxO.Client",
        Telemetry = RunTelemetry.Core,
        Validator = WxOClientOptionsValidator.Instance,
        ErrorParser = WxOErrorParser.Instance,
        CreateTokenProvider = IbmSignIn.CreateTokenProvider,
        LoggerCategory = typeof(WxORunsClient).FullName,
        CreateClient = context => new WxORunsClient(context),
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

    RunTelemetry IInstrumentedRunSource.Telemetry => _pipeline.Telemetry;

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public Task<AssistantRun> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ValidateRunId(runId, nameof(runId));
        return _pipeline.SendAsync(
            GetRunEndpoint, (Api: _api, RunId: runId), static (s, ct) => s.Api.GetRunAsync(s.RunId, ct),
            WxOJsonContext.Default.AssistantRun, runId: runId, cancellationToken: cancellationToken);
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

        return _pipeline.SendAsync(
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
        // Only the previous page's ids are remembered: enough to notice a server that ignores offset (it
        // repeats the page) while memory stays flat however many pages there are.
        var previousIds = new HashSet<string>(StringComparer.Ordinal);
        var currentIds = new HashSet<string>(StringComparer.Ordinal);
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
                currentIds.Clear();
                foreach (var run in runs)
                {
                    if (currentIds.Add(run.Id) && !previousIds.Contains(run.Id))
                    {
                        fresh.Add(run);
                    }
                }

                // An empty page, or one with nothing new (a server ignoring offset), ends the iteration.
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
                    yield return run;
                }

                (previousIds, currentIds) = (currentIds, previousIds);
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
    public async Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
    {
        ValidateRunId(run.RunId, nameof(run));
        var value = await GetRunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        return ToSnapshot(value);
    }

    /// <summary>The vendor-neutral view of a run you already hold (e.g. from a list), without another request.</summary>
    /// <param name="run">The run.</param>
    public static RunSnapshot ToSnapshot(AssistantRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var raw = run.Status?.Value;
        return new RunSnapshot
        {
            Source = SourceName,
            RunId = run.Id,
            ThreadId = run.ThreadId,
            AssistantId = run.AssistantId ?? run.AgentId,
            State = WxORunStates.From(raw),
            RawStatus = raw,
            CreatedAt = run.CreatedAt,
            UpdatedAt = Latest(run.StartedAt, run.CompletedAt, run.FailedAt, run.CancelledAt),
            // Deployments differ in where they put the error text.
            Error = run.LastError ?? ErrorFromExtensionData(run),
        };
    }

    private static string? ErrorFromExtensionData(AssistantRun run)
        => run.AdditionalProperties is { } extra && extra.TryGetValue("error", out var error)
            ? error.ValueKind == System.Text.Json.JsonValueKind.String ? error.GetString() : error.GetRawText()
            : null;

    private static DateTimeOffset? Latest(params DateTimeOffset?[] times)
    {
        DateTimeOffset? latest = null;
        foreach (var time in times)
        {
            if (time > latest || latest is null)
            {
                latest = time ?? latest;
            }
        }

        return latest;
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

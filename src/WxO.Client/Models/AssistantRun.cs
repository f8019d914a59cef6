using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>A run of the Orchestrate assistant (<c>GET /v1/orchestrate/runs/{run_id}</c>).</summary>
public sealed record AssistantRun : IJsonOnDeserialized
{
    /// <summary>The run id.</summary>
    [JsonInclude, JsonPropertyName("id")] public string Id { get; internal set; } = null!;

    /// <summary>The tenant that owns the run.</summary>
    [JsonInclude, JsonPropertyName("tenant_id")] public string? TenantId { get; internal set; }

    /// <summary>The assistant that executed the run.</summary>
    [JsonInclude, JsonPropertyName("assistant_id")] public string? AssistantId { get; internal set; }

    /// <summary>The message thread the run belongs to (required by the spec; tolerated when missing).</summary>
    [JsonInclude, JsonPropertyName("thread_id")] public string? ThreadId { get; internal set; }

    /// <summary>The run status; the server's default is <c>pending</c>.</summary>
    [JsonInclude, JsonPropertyName("status")] public AssistantRunStatus? Status { get; internal set; }

    /// <summary>When the run was created.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the run started executing.</summary>
    [JsonInclude, JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; internal set; }

    /// <summary>When the run completed.</summary>
    [JsonInclude, JsonPropertyName("completed_at")] public DateTimeOffset? CompletedAt { get; internal set; }

    /// <summary>When the run failed.</summary>
    [JsonInclude, JsonPropertyName("failed_at")] public DateTimeOffset? FailedAt { get; internal set; }

    /// <summary>When the run was cancelled.</summary>
    [JsonInclude, JsonPropertyName("cancelled_at")] public DateTimeOffset? CancelledAt { get; internal set; }

    /// <summary>The LLM parameters used by the run.</summary>
    [JsonInclude, JsonPropertyName("llm_params")] public TextGenerationParameters? LlmParams { get; internal set; }

    /// <summary>Token usage, free-form.</summary>
    [JsonInclude, JsonPropertyName("usage")] public IReadOnlyDictionary<string, JsonElement>? Usage { get; internal set; }

    /// <summary>The error text of a failed run.</summary>
    [JsonInclude, JsonPropertyName("last_error")] public string? LastError { get; internal set; }

    /// <summary>The run result, free-form.</summary>
    [JsonInclude, JsonPropertyName("result")] public IReadOnlyDictionary<string, JsonElement>? Result { get; internal set; }

    /// <summary>Guardrail settings applied to the run.</summary>
    [JsonInclude, JsonPropertyName("guardrails")] public Guardrails? Guardrails { get; internal set; }

    /// <summary>The agent that executed the run.</summary>
    [JsonInclude, JsonPropertyName("agent_id")] public string? AgentId { get; internal set; }

    /// <summary>Additional parameters, free-form.</summary>
    [JsonInclude, JsonPropertyName("additional_parameters")] public IReadOnlyDictionary<string, JsonElement>? AdditionalParameters { get; internal set; }

    /// <summary>The trace id for the run's telemetry.</summary>
    [JsonInclude, JsonPropertyName("trace_id")] public string? TraceId { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    /// <summary>
    /// A run without an id (missing, or <c>"id": null</c>) is not a run: the read fails as an invalid body. Checked here
    /// rather than with <c>[JsonRequired]</c>, which costs a tracking object per run read (60 B on every run of a page).
    /// </summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Id is null)
        {
            throw new JsonException("The run has no \"id\" (missing or null).");
        }
    }

    /// <summary>
    /// The vendor-neutral view of this run, without another request (e.g. for each run of a list). Its
    /// <see cref="RunSnapshot.Source"/> is <c>"wxo"</c>; a named client's <c>GetRunSnapshotAsync</c> reports its own name.
    /// </summary>
    public RunSnapshot ToSnapshot()
    {
        var raw = Status?.Value;
        return new RunSnapshot
        {
            Source = WxORunsClient.SourceName,
            RunId = Id,
            ThreadId = ThreadId,
            AssistantId = AssistantId ?? AgentId,
            State = WxORunStates.From(raw),
            RawStatus = raw,
            CreatedAt = CreatedAt,
            // The latest of the times the run has; Max skips the nulls (and is null when all are).
            UpdatedAt = new[] { StartedAt, CompletedAt, FailedAt, CancelledAt }.Max(),
            // Deployments differ in where they put the error text.
            Error = LastError ?? ErrorFromExtensionData(),
        };
    }

    /// <summary>The run as an <see cref="IRunSource"/> reference, to wait on it (<c>WaitForCompletionAsync</c>).</summary>
    public RunReference ToRunReference() => new(Id, string.IsNullOrWhiteSpace(ThreadId) ? null : ThreadId);

    /// <summary>An <c>error</c> field: its text, the JSON of a structured one; <c>null</c> says there is none.</summary>
    private string? ErrorFromExtensionData()
        => AdditionalProperties is { } extra && extra.TryGetValue("error", out var error)
            ? error.ValueKind switch
            {
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => error.GetRawText(),
            }
            : null;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>A run of the Orchestrate assistant (<c>GET /v1/orchestrate/runs/{run_id}</c>).</summary>
public sealed record AssistantRun : IJsonOnDeserialized
{
    /// <summary>The run id.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The tenant that owns the run.</summary>
    [JsonPropertyName("tenant_id")] public string? TenantId { get; init; }

    /// <summary>The assistant that executed the run.</summary>
    [JsonPropertyName("assistant_id")] public string? AssistantId { get; init; }

    /// <summary>The message thread the run belongs to (required by the spec; tolerated when missing).</summary>
    [JsonPropertyName("thread_id")] public string? ThreadId { get; init; }

    /// <summary>The run status; the server's default is <c>pending</c>.</summary>
    [JsonPropertyName("status")] public AssistantRunStatus? Status { get; init; }

    /// <summary>When the run was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the run started executing.</summary>
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run completed.</summary>
    [JsonPropertyName("completed_at")] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the run failed.</summary>
    [JsonPropertyName("failed_at")] public DateTimeOffset? FailedAt { get; init; }

    /// <summary>When the run was cancelled.</summary>
    [JsonPropertyName("cancelled_at")] public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The LLM parameters used by the run.</summary>
    [JsonPropertyName("llm_params")] public TextGenerationParameters? LlmParams { get; init; }

    /// <summary>Token usage, free-form.</summary>
    [JsonPropertyName("usage")] public IReadOnlyDictionary<string, JsonElement>? Usage { get; init; }

    /// <summary>The error text of a failed run.</summary>
    [JsonPropertyName("last_error")] public string? LastError { get; init; }

    /// <summary>The run result, free-form.</summary>
    [JsonPropertyName("result")] public IReadOnlyDictionary<string, JsonElement>? Result { get; init; }

    /// <summary>Guardrail settings applied to the run.</summary>
    [JsonPropertyName("guardrails")] public Guardrails? Guardrails { get; init; }

    /// <summary>The agent that executed the run.</summary>
    [JsonPropertyName("agent_id")] public string? AgentId { get; init; }

    /// <summary>Additional parameters, free-form.</summary>
    [JsonPropertyName("additional_parameters")] public IReadOnlyDictionary<string, JsonElement>? AdditionalParameters { get; init; }

    /// <summary>The trace id for the run's telemetry.</summary>
    [JsonPropertyName("trace_id")] public string? TraceId { get; init; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A run without an id (<c>"id": null</c>) is not a run: the read fails as an invalid body.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (Id is null)
        {
            throw new JsonException("The run's \"id\" is null.");
        }
    }
}

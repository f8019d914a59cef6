using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Benchmarks;

// The raw baseline's models: the SDK's wire models with public setters (copied from src; the SDK's own have internal
// setters and internal converters, which another assembly's source-generated context cannot use). Server strings are plain
// strings and nested objects JSON elements, as a hand-written client would keep them.

public sealed record RawAssistantRun
{
    [JsonPropertyName("id")] public string Id { get; set; } = null!;
    [JsonPropertyName("tenant_id")] public string? TenantId { get; set; }
    [JsonPropertyName("assistant_id")] public string? AssistantId { get; set; }
    [JsonPropertyName("thread_id")] public string? ThreadId { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; set; }
    [JsonPropertyName("completed_at")] public DateTimeOffset? CompletedAt { get; set; }
    [JsonPropertyName("failed_at")] public DateTimeOffset? FailedAt { get; set; }
    [JsonPropertyName("cancelled_at")] public DateTimeOffset? CancelledAt { get; set; }
    [JsonPropertyName("llm_params")] public RawTextGenerationParameters? LlmParams { get; set; }
    [JsonPropertyName("usage")] public IReadOnlyDictionary<string, JsonElement>? Usage { get; set; }
    [JsonPropertyName("last_error")] public string? LastError { get; set; }
    [JsonPropertyName("result")] public IReadOnlyDictionary<string, JsonElement>? Result { get; set; }
    [JsonPropertyName("guardrails")] public JsonElement? Guardrails { get; set; }
    [JsonPropertyName("agent_id")] public string? AgentId { get; set; }
    [JsonPropertyName("additional_parameters")] public IReadOnlyDictionary<string, JsonElement>? AdditionalParameters { get; set; }
    [JsonPropertyName("trace_id")] public string? TraceId { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed record RawAssistantRunPage
{
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
    [JsonPropertyName("offset")] public long? Offset { get; set; }
    [JsonPropertyName("data")] public IReadOnlyList<RawAssistantRun> Data { get; set; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed record RawThreadRun
{
    [JsonPropertyName("run_id")] public Guid RunId { get; set; }
    [JsonPropertyName("thread_id")] public Guid ThreadId { get; set; }
    [JsonPropertyName("assistant_id")] public Guid? AssistantId { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; set; }
    [JsonPropertyName("kwargs")] public IReadOnlyDictionary<string, JsonElement>? Kwargs { get; set; }
    [JsonPropertyName("multitask_strategy")] public string? MultitaskStrategy { get; set; }
    [JsonPropertyName("langsmith_session_name")] public string? LangSmithSessionName { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed record RawTextGenerationParameters
{
    [JsonPropertyName("beam_width")] public int? BeamWidth { get; set; }
    [JsonPropertyName("decoding_method")] public string? DecodingMethod { get; set; }
    [JsonPropertyName("include_stop_sequence")] public bool? IncludeStopSequence { get; set; }
    [JsonPropertyName("length_penalty")] public JsonElement? LengthPenalty { get; set; }
    [JsonPropertyName("max_new_tokens")] public int? MaxNewTokens { get; set; }
    [JsonPropertyName("min_new_tokens")] public int? MinNewTokens { get; set; }
    [JsonPropertyName("random_seed")] public long? RandomSeed { get; set; }
    [JsonPropertyName("repetition_penalty")] public double? RepetitionPenalty { get; set; }
    [JsonPropertyName("return_options")] public JsonElement? ReturnOptions { get; set; }
    [JsonPropertyName("stop_sequences")] public IReadOnlyList<string>? StopSequences { get; set; }
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }
    [JsonPropertyName("time_limit")] public long? TimeLimit { get; set; }
    [JsonPropertyName("top_k")] public int? TopK { get; set; }
    [JsonPropertyName("top_p")] public double? TopP { get; set; }
    [JsonPropertyName("truncate_input_tokens")] public int? TruncateInputTokens { get; set; }
    [JsonPropertyName("typical_p")] public double? TypicalP { get; set; }
}

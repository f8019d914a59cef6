using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>A run on a thread (<c>GET /threads/{thread_id}/runs/{run_id}</c>).</summary>
/// <remarks>
/// Tolerant of real servers: <c>kwargs</c> may be missing, new fields are kept in <see cref="AdditionalProperties"/>,
/// and timestamps keep the offset the server sent (<c>Z</c> or a local one such as <c>+08:00</c>).
/// </remarks>
public sealed record ThreadRun
{
    /// <summary>The run id.</summary>
    [JsonPropertyName("run_id")] public required Guid RunId { get; init; }

    /// <summary>The thread id.</summary>
    [JsonPropertyName("thread_id")] public required Guid ThreadId { get; init; }

    /// <summary>The assistant used for the run.</summary>
    [JsonPropertyName("assistant_id")] public Guid? AssistantId { get; init; }

    /// <summary>When the run was created.</summary>
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the run last changed.</summary>
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The run status.</summary>
    [JsonPropertyName("status")] public ThreadRunStatus? Status { get; init; }

    /// <summary>The run metadata.</summary>
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>The run's arguments (input, config, context, stream_mode, …). Missing on some servers.</summary>
    [JsonPropertyName("kwargs")] public IReadOnlyDictionary<string, JsonElement>? Kwargs { get; init; }

    /// <summary>How the server handles another run on the same thread.</summary>
    [JsonPropertyName("multitask_strategy")] public MultitaskStrategy? MultitaskStrategy { get; init; }

    /// <summary>The LangSmith tracing session of the run (newer servers).</summary>
    [JsonPropertyName("langsmith_session_name")] public string? LangSmithSessionName { get; init; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

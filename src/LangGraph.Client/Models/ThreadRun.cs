using System.Text.Json;
using System.Text.Json.Serialization;
using WxO.Client;

namespace LangGraph.Client.Models;

/// <summary>A run on a thread (<c>GET /threads/{thread_id}/runs/{run_id}</c>).</summary>
/// <remarks>
/// Tolerant of real servers: <c>kwargs</c> may be missing, new fields are kept in <see cref="AdditionalProperties"/>,
/// and timestamps keep the offset the server sent (<c>Z</c> or a local one such as <c>+08:00</c>).
/// </remarks>
public sealed record ThreadRun
{
    /// <summary>The run id.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("run_id")] public Guid RunId { get; internal set; }

    /// <summary>The thread id.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("thread_id")] public Guid ThreadId { get; internal set; }

    /// <summary>The assistant used for the run.</summary>
    [JsonInclude, JsonPropertyName("assistant_id")] public Guid? AssistantId { get; internal set; }

    /// <summary>When the run was created.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the run last changed.</summary>
    [JsonInclude, JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>The run status.</summary>
    [JsonInclude, JsonPropertyName("status")] public ThreadRunStatus? Status { get; internal set; }

    /// <summary>The run metadata.</summary>
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    /// <summary>The run's arguments (input, config, context, stream_mode, …). Missing on some servers.</summary>
    [JsonInclude, JsonPropertyName("kwargs")] public IReadOnlyDictionary<string, JsonElement>? Kwargs { get; internal set; }

    /// <summary>How the server handles another run on the same thread.</summary>
    [JsonInclude, JsonPropertyName("multitask_strategy")] public MultitaskStrategy? MultitaskStrategy { get; internal set; }

    /// <summary>The LangSmith tracing session of the run (newer servers).</summary>
    [JsonInclude, JsonPropertyName("langsmith_session_name")] public string? LangSmithSessionName { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    /// <summary>
    /// The vendor-neutral view of this run, without another request. Its <see cref="RunSnapshot.Source"/> is
    /// <c>"langgraph"</c>; a named client's <c>GetRunSnapshotAsync</c> reports its own name.
    /// </summary>
    /// <remarks>
    /// Reads the run's own status only: a run parked on <c>interrupt()</c> has status <c>success</c> and reads
    /// <see cref="RunState.Succeeded"/> here; <see cref="IRunSource.GetRunSnapshotAsync"/> tells it apart
    /// (<see cref="RunState.RequiresInput"/>) by also reading the thread.
    /// </remarks>
    public RunSnapshot ToSnapshot()
    {
        var raw = Status?.Value;
        return new RunSnapshot
        {
            Source = LangGraphRunsClient.SourceName,
            RunId = RunId.ToString(),
            ThreadId = ThreadId.ToString(),
            AssistantId = AssistantId?.ToString(),
            State = LangGraphRunStates.From(raw),
            RawStatus = raw,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
        };
    }

    /// <summary>The run as an <see cref="IRunSource"/> reference, to wait on it (<c>WaitForCompletionAsync</c>).</summary>
    public RunReference ToRunReference() => new(RunId, ThreadId);
}

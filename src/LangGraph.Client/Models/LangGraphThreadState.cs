using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// A thread's state at one checkpoint (<c>GET /threads/{thread_id}/state</c>, one item of its history): the values, what runs
/// next, the pending tasks with their interrupts, and where the checkpoint sits.
/// </summary>
public sealed record LangGraphThreadState
{
    /// <summary>The state's values (an object for most graphs; a list for a graph whose state is a list).</summary>
    [JsonInclude, JsonPropertyName("values")] public JsonElement Values { get; internal set; }

    /// <summary>The nodes that run next; empty when the graph has nothing left to do.</summary>
    [JsonInclude, JsonPropertyName("next")] public IReadOnlyList<string>? Next { get; internal set; }

    /// <summary>The tasks of the next step, with their errors and pending interrupts.</summary>
    [JsonInclude, JsonPropertyName("tasks")] public IReadOnlyList<ThreadTask>? Tasks { get; internal set; }

    /// <summary>This checkpoint: pass it to <see cref="ILangGraphRunsClient.GetThreadStateAsync"/> or as a run's checkpoint.</summary>
    [JsonInclude, JsonPropertyName("checkpoint")] public ThreadCheckpoint? Checkpoint { get; internal set; }

    /// <summary>The checkpoint's metadata (<c>source</c>, <c>step</c>, <c>run_id</c>, …).</summary>
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    /// <summary>When the checkpoint was written.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>The checkpoint before this one; null for the first.</summary>
    [JsonInclude, JsonPropertyName("parent_checkpoint")] public ThreadCheckpoint? ParentCheckpoint { get; internal set; }

    /// <summary>The pending interrupts of every task.</summary>
    [JsonInclude, JsonPropertyName("interrupts")] public IReadOnlyList<ThreadInterrupt>? Interrupts { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>A task of a thread's next step (<c>LangGraphThreadState.tasks</c>).</summary>
public sealed record ThreadTask
{
    /// <summary>The task id.</summary>
    [JsonInclude, JsonPropertyName("id")] public string? Id { get; internal set; }

    /// <summary>The node the task runs.</summary>
    [JsonInclude, JsonPropertyName("name")] public string? Name { get; internal set; }

    /// <summary>The task's error, when it failed: text (Python servers) or the JSON text of <c>{"message", "name"}</c> (LangGraph.js).</summary>
    [JsonInclude, JsonPropertyName("error")] public JsonElement? Error { get; internal set; }

    /// <summary>The interrupts the task waits on.</summary>
    [JsonInclude, JsonPropertyName("interrupts")] public IReadOnlyList<ThreadInterrupt>? Interrupts { get; internal set; }

    /// <summary>The subgraph checkpoint of the task, when it runs a subgraph.</summary>
    [JsonInclude, JsonPropertyName("checkpoint")] public ThreadCheckpoint? Checkpoint { get; internal set; }

    /// <summary>The subgraph's state, when asked for with <c>subgraphs</c>.</summary>
    [JsonInclude, JsonPropertyName("state")] public LangGraphThreadState? State { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model (e.g. <c>result</c>).</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>Where a checkpoint sits (the server's <c>CheckpointConfig</c>): read from a state, or given to address one.</summary>
public sealed record ThreadCheckpoint
{
    /// <summary>The thread id.</summary>
    [JsonPropertyName("thread_id")] public string? ThreadId { get; init; }

    /// <summary>The namespace: empty for the root graph, <c>node:task</c> segments for a subgraph.</summary>
    [JsonPropertyName("checkpoint_ns")] public string? CheckpointNamespace { get; init; }

    /// <summary>The checkpoint id.</summary>
    [JsonPropertyName("checkpoint_id")] public string? CheckpointId { get; init; }

    /// <summary>The checkpoint ids of the parent graphs, per namespace.</summary>
    [JsonPropertyName("checkpoint_map")] public JsonObject? CheckpointMap { get; init; }
}

/// <summary>
/// An edit of a thread's state (<c>POST /threads/{thread_id}/state</c>): new values written as if <see cref="AsNode"/> had
/// just run. The usual human-in-the-loop edit: correct what the graph produced, then resume the run.
/// </summary>
public sealed record ThreadStateUpdate
{
    /// <summary>The values to write (merged by the graph's reducers, as a node's return value would be).</summary>
    [JsonPropertyName("values")] public JsonNode? Values { get; init; }

    /// <summary>The node the update is written as; decides what runs next. The server picks the last node that ran when null.</summary>
    [JsonPropertyName("as_node")] public string? AsNode { get; init; }

    /// <summary>The checkpoint to update (e.g. an earlier one, to fork from it); the latest when null.</summary>
    [JsonPropertyName("checkpoint")] public ThreadCheckpoint? Checkpoint { get; init; }
}

/// <summary>The answer of a state update: the checkpoint it wrote.</summary>
internal sealed record ThreadStateUpdateResponse
{
    [JsonInclude, JsonPropertyName("checkpoint")] public ThreadCheckpoint? Checkpoint { get; internal set; }
}

/// <summary>The body of <c>POST /threads/{thread_id}/state/checkpoint</c>.</summary>
internal sealed record ThreadStateAtCheckpointBody(
    [property: JsonPropertyName("checkpoint")] ThreadCheckpoint Checkpoint,
    [property: JsonPropertyName("subgraphs")] bool? Subgraphs);

/// <summary>
/// The body of <c>POST /threads/{thread_id}/history</c> (<c>ThreadStateSearch</c>). <c>before</c> is sent as a checkpoint id:
/// LangGraph.js accepts only that form (a string), and the Python SDK sends it too (<c>before: str | Checkpoint</c>).
/// </summary>
internal sealed record ThreadHistoryBody(
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("before")] string? Before,
    [property: JsonPropertyName("metadata")] JsonObject? Metadata);

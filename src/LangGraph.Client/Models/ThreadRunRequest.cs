using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>
/// A new run (the body of <c>POST /threads/{thread_id}/runs</c>, <c>…/runs/stream</c>, <c>…/runs/wait</c>, and of the
/// stateless <c>POST /runs</c>, <c>/runs/stream</c>, <c>/runs/wait</c>, <c>/runs/batch</c>): every field of the server's
/// <c>RunCreateStateful</c> and <c>RunCreateStateless</c>, all optional but <see cref="AssistantId"/>. The thread-only fields
/// (<see cref="Checkpoint"/>, <see cref="MultitaskStrategy"/>, <see cref="IfNotExists"/>, <see cref="InterruptBefore"/>,
/// <see cref="InterruptAfter"/>) are refused on a stateless run, and <see cref="OnCompletion"/> on a thread's run.
/// </summary>
public sealed record ThreadRunRequest
{
    /// <summary>Pass as <see cref="InterruptBefore"/> or <see cref="InterruptAfter"/> to stop at every node (<c>"*"</c>).</summary>
    public static IReadOnlyList<string> AllNodes { get; } = ["*"];

    /// <summary>The graph id (as in <c>langgraph.json</c>) or the assistant id that runs.</summary>
    [JsonPropertyName("assistant_id")] public required string AssistantId { get; init; }

    /// <summary>The graph's input.</summary>
    [JsonPropertyName("input")] public JsonNode? Input { get; init; }

    /// <summary>A command instead of input, e.g. <c>new RunCommand { Resume = "yes" }</c> to answer a pending interrupt.</summary>
    [JsonPropertyName("command")] public RunCommand? Command { get; init; }

    /// <summary>Metadata stored on the run.</summary>
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    /// <summary>The run config (e.g. <c>{"configurable": {...}, "recursion_limit": 25}</c>).</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    /// <summary>The graph's static context (LangGraph ≥ 0.6).</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>The checkpoint to run from (<c>{"checkpoint_id": ...}</c>); the thread's latest when null.</summary>
    [JsonPropertyName("checkpoint")] public JsonObject? Checkpoint { get; init; }

    /// <summary>A URL the server calls when the run ends.</summary>
    [JsonPropertyName("webhook")] public Uri? Webhook { get; init; }

    /// <summary>Nodes to stop before (<see cref="AllNodes"/> for all).</summary>
    [JsonPropertyName("interrupt_before")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptBefore { get; init; }

    /// <summary>Nodes to stop after (<see cref="AllNodes"/> for all).</summary>
    [JsonPropertyName("interrupt_after")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptAfter { get; init; }

    /// <summary>What the stream carries (streaming runs); the server's default is <see cref="StreamMode.Values"/>.</summary>
    [JsonPropertyName("stream_mode")] public IReadOnlyList<StreamMode>? StreamMode { get; init; }

    /// <summary>Also stream the events of subgraphs.</summary>
    [JsonPropertyName("stream_subgraphs")] public bool? StreamSubgraphs { get; init; }

    /// <summary>
    /// Keep the stream's events so it can be re-joined from any event id (needed to resume a broken stream without gaps).
    /// <see cref="ILangGraphRunsClient.StreamThreadRunAsync"/> sends true when this is null.
    /// </summary>
    [JsonPropertyName("stream_resumable")] public bool? StreamResumable { get; init; }

    /// <summary>LangSmith feedback keys to create for the run.</summary>
    [JsonPropertyName("feedback_keys")] public IReadOnlyList<string>? FeedbackKeys { get; init; }

    /// <summary>What to do when the thread is busy; the server's default is <c>enqueue</c>.</summary>
    [JsonPropertyName("multitask_strategy")] public MultitaskStrategy? MultitaskStrategy { get; init; }

    /// <summary>What to do when the thread does not exist; the server's default is <see cref="IfThreadNotExists.Reject"/>.</summary>
    [JsonPropertyName("if_not_exists")] public IfThreadNotExists? IfNotExists { get; init; }

    /// <summary>Seconds to wait before the run starts (≥ 0).</summary>
    [JsonPropertyName("after_seconds")] public double? AfterSeconds { get; init; }

    /// <summary>Save checkpoints during the run (older servers; see <see cref="Durability"/>).</summary>
    [JsonPropertyName("checkpoint_during")] public bool? CheckpointDuring { get; init; }

    /// <summary>When checkpoints are saved.</summary>
    [JsonPropertyName("durability")] public RunDurability? Durability { get; init; }

    /// <summary>What happens to a streaming or waiting run when the client disconnects. Not for background runs.</summary>
    [JsonPropertyName("on_disconnect")] public RunOnDisconnect? OnDisconnect { get; init; }

    /// <summary>Whether the thread a stateless run makes for itself is deleted or kept when it ends (stateless runs only).</summary>
    [JsonPropertyName("on_completion")] public RunOnCompletion? OnCompletion { get; init; }

    /// <summary>A value made with <c>default(T)</c>: no text to send.</summary>
    internal static bool IsBlank<T>(T? value) where T : struct, IExtensibleEnumValue<T>
        => value is { } v && string.IsNullOrWhiteSpace(v.Value);

    /// <summary>Fails with <see cref="ArgumentException"/> before any request when the request cannot be right.</summary>
    internal void Validate(string paramName, bool streamingOrWaiting, bool stateless = false)
    {
        if (string.IsNullOrWhiteSpace(AssistantId))
        {
            throw new ArgumentException("ThreadRunRequest.AssistantId is required: the graph id (as in langgraph.json) or an assistant id.", paramName);
        }

        if (Input is not null && Command is not null)
        {
            throw new ArgumentException("ThreadRunRequest: set Input or Command, not both (a Command resumes the thread's pending run).", paramName);
        }

        if (Command is { Resume: null, Update: null, Goto: null })
        {
            throw new ArgumentException("ThreadRunRequest.Command is empty: set Resume, Update or Goto.", paramName);
        }

        if (AfterSeconds is < 0 or double.NaN or double.PositiveInfinity)
        {
            throw new ArgumentOutOfRangeException(paramName, AfterSeconds, "ThreadRunRequest.AfterSeconds must be a finite number ≥ 0.");
        }

        // A value made with default(...) has no text: refused here rather than sent as null or failing in the serializer.
        if (IsBlank(IfNotExists) || IsBlank(Durability) || IsBlank(OnDisconnect) || IsBlank(MultitaskStrategy) || IsBlank(OnCompletion)
            || StreamMode?.Any(mode => string.IsNullOrWhiteSpace(mode.Value)) == true)
        {
            throw new ArgumentException(
                "ThreadRunRequest: IfNotExists, Durability, OnDisconnect, MultitaskStrategy, OnCompletion and StreamMode need a value (e.g. RunDurability.Sync), not default.", paramName);
        }

        if (OnDisconnect is not null && !streamingOrWaiting)
        {
            throw new ArgumentException("ThreadRunRequest.OnDisconnect applies to streaming and waiting runs only, not to a background run.", paramName);
        }

        if (stateless && (Checkpoint is not null || MultitaskStrategy is not null || IfNotExists is not null || InterruptBefore is not null || InterruptAfter is not null))
        {
            throw new ArgumentException(
                "ThreadRunRequest: Checkpoint, MultitaskStrategy, IfNotExists, InterruptBefore and InterruptAfter apply to a thread's run, not to a stateless one.", paramName);
        }

        if (!stateless && OnCompletion is not null)
        {
            throw new ArgumentException("ThreadRunRequest.OnCompletion applies to a stateless run only; a thread's run keeps its thread.", paramName);
        }

        if (StreamMode is { Count: 0 } || FeedbackKeys is { Count: 0 } || InterruptBefore is { Count: 0 } || InterruptAfter is { Count: 0 })
        {
            throw new ArgumentException("ThreadRunRequest: an empty list (StreamMode, FeedbackKeys, InterruptBefore, InterruptAfter) is not allowed; leave it null.", paramName);
        }
    }
}

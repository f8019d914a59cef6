using System.Text.Json;
using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>
/// One event of a run's stream (<c>POST /threads/{thread_id}/runs/stream</c>, <c>GET …/runs/{run_id}/stream</c>). Written
/// with <see cref="LangGraphModelFactory.JsonTypeInfoResolver"/> it is <c>{"event", "data", "id"}</c>, the SDKs' stream part.
/// </summary>
public sealed record ThreadRunEvent
{
    /// <summary>
    /// What the event carries: one of the stream modes asked for (<c>values</c>, <c>updates</c>, <c>messages</c>, …), or
    /// <c>metadata</c> (first, with the <c>run_id</c>) and <c>error</c>. A subgraph's events keep the server's
    /// <c>name|namespace</c> form (<c>updates|child:1</c>).
    /// </summary>
    [JsonInclude, JsonPropertyName("event")] public ThreadRunEventType Event { get; internal set; }

    /// <summary>The event's data, as the server sent it.</summary>
    [JsonInclude, JsonPropertyName("data")] public JsonElement Data { get; internal set; }

    /// <summary>
    /// The event name without its subgraph namespace: <c>updates</c> for <c>updates|child:1</c>; the same as <see cref="Event"/>
    /// for the root graph's events.
    /// </summary>
    [JsonIgnore]
    public ThreadRunEventType BaseEvent => Event.Value?.IndexOf('|') is >= 0 and var bar ? new ThreadRunEventType(Event.Value[..bar]) : Event;

    /// <summary>
    /// The subgraph the event comes from, as path segments (<c>["child:1", "grandchild:2"]</c> for
    /// <c>updates|child:1|grandchild:2</c>); empty for the root graph (streams created with <see cref="ThreadRunRequest.StreamSubgraphs"/>).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Namespace => Event.Value?.IndexOf('|') is >= 0 and var bar ? Event.Value[(bar + 1)..].Split('|') : [];

    /// <summary>The event id: pass it to <see cref="ILangGraphRunsClient.JoinThreadRunStreamAsync"/> to resume after it; null when the server sent none.</summary>
    [JsonInclude, JsonPropertyName("id")] public string? Id { get; internal set; }
}

/// <summary>
/// The name of a LangGraph stream event (the SDKs' <c>StreamPart.event</c>). Unknown values from newer servers are kept
/// as-is; equality ignores case.
/// </summary>
/// <param name="Value">The name exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<ThreadRunEventType>))]
public readonly record struct ThreadRunEventType(string Value) : IExtensibleEnumValue<ThreadRunEventType>
{
    /// <summary>The first event: the run's <c>run_id</c> (and <c>thread_id</c>).</summary>
    public static ThreadRunEventType Metadata { get; } = new("metadata");

    /// <summary>The whole state after a step (<see cref="StreamMode.Values"/>).</summary>
    public static ThreadRunEventType Values { get; } = new("values");

    /// <summary>What each node returned in a step, per node name (<see cref="StreamMode.Updates"/>); an <c>__interrupt__</c> entry holds pending interrupts.</summary>
    public static ThreadRunEventType Updates { get; } = new("updates");

    /// <summary>A message chunk and its metadata, <c>[message, metadata]</c> (<see cref="StreamMode.MessagesTuple"/>).</summary>
    public static ThreadRunEventType Messages { get; } = new("messages");

    /// <summary>The messages so far, each as accumulated up to the latest token (<see cref="StreamMode.Messages"/>).</summary>
    public static ThreadRunEventType MessagesPartial { get; } = new("messages/partial");

    /// <summary>Messages that are complete (<see cref="StreamMode.Messages"/>).</summary>
    public static ThreadRunEventType MessagesComplete { get; } = new("messages/complete");

    /// <summary>The metadata of the messages that follow, per message id (<see cref="StreamMode.Messages"/>).</summary>
    public static ThreadRunEventType MessagesMetadata { get; } = new("messages/metadata");

    /// <summary>Data a node wrote with its stream writer (<see cref="StreamMode.Custom"/>).</summary>
    public static ThreadRunEventType Custom { get; } = new("custom");

    /// <summary>An event of a runnable inside the graph (<see cref="StreamMode.Events"/>).</summary>
    public static ThreadRunEventType Events { get; } = new("events");

    /// <summary>Everything, for debugging (<see cref="StreamMode.Debug"/>).</summary>
    public static ThreadRunEventType Debug { get; } = new("debug");

    /// <summary>A task started or ended (<see cref="StreamMode.Tasks"/>).</summary>
    public static ThreadRunEventType Tasks { get; } = new("tasks");

    /// <summary>A checkpoint was saved (<see cref="StreamMode.Checkpoints"/>).</summary>
    public static ThreadRunEventType Checkpoints { get; } = new("checkpoints");

    /// <summary>The feedback URLs of the run's <see cref="ThreadRunRequest.FeedbackKeys"/>.</summary>
    public static ThreadRunEventType Feedback { get; } = new("feedback");

    /// <summary>The run failed (<c>{"error", "message"}</c>): the stream ends with <see cref="WxO.Client.RunFailedException"/>.</summary>
    public static ThreadRunEventType Error { get; } = new("error");

    static ThreadRunEventType IExtensibleEnumValue<ThreadRunEventType>.FromValue(string value) => new(value);

    /// <summary>Converts a raw event name.</summary>
    public static implicit operator ThreadRunEventType(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ThreadRunEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw event name.</summary>
    public override string ToString() => Value ?? string.Empty;
}

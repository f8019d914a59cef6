using System.Text.Json;

namespace WxO.Client.Primitives;

/// <summary>
/// One event of a run's stream, as the server sent it: what <see cref="RunClientPipeline.StreamAsync{TState, TEvent}"/> yields. Each
/// vendor client turns it into its own typed event.
/// </summary>
public sealed record RunStreamEvent
{
    /// <summary>The event name (e.g. <c>metadata</c>, <c>values</c>, <c>message.delta</c>); <c>message</c> when the server named none.</summary>
    public required string Event { get; init; }

    /// <summary>The event's data: its JSON, or a JSON string holding the text when the data is not JSON.</summary>
    public JsonElement Data { get; init; }

    /// <summary>The event id, used to resume a stream after it (<c>Last-Event-ID</c>); null when the server sent none.</summary>
    public string? Id { get; init; }
}

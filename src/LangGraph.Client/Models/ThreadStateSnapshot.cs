using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// The part of <c>GET /threads/{thread_id}/state</c> the client reads to tell a run parked on <c>interrupt()</c>: which run
/// wrote the latest checkpoint, and which tasks wait on an interrupt.
/// </summary>
internal sealed record ThreadStateSnapshot
{
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    [JsonPropertyName("tasks")] public IReadOnlyList<ThreadStateTask>? Tasks { get; init; }

    [JsonPropertyName("next")] public IReadOnlyList<string>? Next { get; init; }
}

internal sealed record ThreadStateTask
{
    [JsonPropertyName("error")] public JsonElement? Error { get; init; }

    [JsonPropertyName("interrupts")] public IReadOnlyList<ThreadInterrupt>? Interrupts { get; init; }
}

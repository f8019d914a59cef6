using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// The part of <c>GET /threads/{thread_id}/state</c> the client reads to tell a run parked on <c>interrupt()</c>: which run
/// wrote the latest checkpoint, and which tasks wait on an interrupt.
/// </summary>
internal sealed record ThreadStateSnapshot
{
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    [JsonInclude, JsonPropertyName("tasks")] public IReadOnlyList<ThreadStateTask>? Tasks { get; internal set; }

    [JsonInclude, JsonPropertyName("next")] public IReadOnlyList<string>? Next { get; internal set; }
}

internal sealed record ThreadStateTask
{
    [JsonInclude, JsonPropertyName("error")] public JsonElement? Error { get; internal set; }

    [JsonInclude, JsonPropertyName("interrupts")] public IReadOnlyList<ThreadInterrupt>? Interrupts { get; internal set; }
}

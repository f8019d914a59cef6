using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// Steers a run on a thread instead of (or besides) giving it new input; most often, <see cref="Resume"/> answers the
/// <c>interrupt()</c> a previous run is parked on (human in the loop).
/// </summary>
public sealed record RunCommand
{
    /// <summary>The value the pending <c>interrupt()</c> call returns when the graph resumes.</summary>
    [JsonPropertyName("resume")] public JsonNode? Resume { get; init; }

    /// <summary>An update applied to the thread's state before the graph resumes.</summary>
    [JsonPropertyName("update")] public JsonNode? Update { get; init; }

    /// <summary>The node(s) to go to next: a node name, a <c>Send</c> object (<c>{"node", "input"}</c>), or a list of them.</summary>
    [JsonPropertyName("goto")] public JsonNode? Goto { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Tests;

[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(AgentOutput))]
[JsonSerializable(typeof(DraftOutput))]
internal sealed partial class LangGraphTestJsonContext : JsonSerializerContext;

/// <summary>The "agent" test graph's state, as a user would type it.</summary>
internal sealed record AgentOutput
{
    [JsonPropertyName("mode")] public string? Mode { get; init; }

    [JsonPropertyName("result")] public required string Result { get; init; }
}

/// <summary>The "draft" test graph's state.</summary>
internal sealed record DraftOutput
{
    [JsonPropertyName("topic")] public string? Topic { get; init; }

    [JsonPropertyName("draft")] public string? Draft { get; init; }

    [JsonPropertyName("result")] public string? Result { get; init; }
}

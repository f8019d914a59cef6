using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>One page of runs (<c>GET /v1/orchestrate/runs?limit=&amp;offset=</c>).</summary>
public sealed record AssistantRunPage
{
    /// <summary>Total number of runs the server holds for this query, when it says.</summary>
    [JsonPropertyName("total")] public long? Total { get; init; }

    /// <summary>The page size the server applied.</summary>
    [JsonPropertyName("limit")] public int? Limit { get; init; }

    /// <summary>The offset of the first run on this page.</summary>
    [JsonPropertyName("offset")] public long? Offset { get; init; }

    /// <summary>The runs on this page (empty, never null, when the server sends none).</summary>
    [JsonPropertyName("data")] public IReadOnlyList<AssistantRun> Data { get; init; } = [];

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

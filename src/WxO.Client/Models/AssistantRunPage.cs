using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>One page of runs (<c>GET /v1/orchestrate/runs?limit=&amp;offset=</c>).</summary>
public sealed record AssistantRunPage : IJsonOnDeserialized
{
    private IReadOnlyList<AssistantRun> _data = [];

    /// <summary>Total number of runs the server holds for this query, when it says.</summary>
    [JsonInclude, JsonPropertyName("total")] public long? Total { get; internal set; }

    /// <summary>The page size the server applied.</summary>
    [JsonInclude, JsonPropertyName("limit")] public int? Limit { get; internal set; }

    /// <summary>The offset of the first run on this page.</summary>
    [JsonInclude, JsonPropertyName("offset")] public long? Offset { get; internal set; }

    /// <summary>
    /// The runs on this page: empty, never null, when the server sends none or <c>"data": null</c>; <c>null</c> items are
    /// skipped.
    /// </summary>
    [JsonInclude, JsonPropertyName("data")] public IReadOnlyList<AssistantRun> Data { get => _data; internal set => _data = value ?? []; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (_data.Contains(null!))
        {
            _data = [.. _data.Where(run => run is not null)];
        }
    }
}

using System.Text.Json.Serialization;
using WxO.Client.Serialization;

namespace WxO.Client.Models;

/// <summary>One FastAPI validation error.</summary>
public sealed record ValidationError
{
    /// <summary>Where the error is, outermost first (e.g. <c>["query", "limit"]</c>). List indices are given as their decimal text.</summary>
    [JsonPropertyName("loc")]
    [JsonConverter(typeof(StringOrIntegerListConverter))]
    public IReadOnlyList<string> Loc { get; init; } = [];

    /// <summary>What is wrong.</summary>
    [JsonPropertyName("msg")] public string Msg { get; init; } = string.Empty;

    /// <summary>Machine-readable error type (e.g. <c>greater_than_equal</c>).</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = string.Empty;

    /// <summary><c>loc: msg</c>, e.g. <c>query.limit: Input should be greater than or equal to 1</c>.</summary>
    public override string ToString() => Loc.Count == 0 ? Msg : $"{string.Join('.', Loc)}: {Msg}";
}

/// <summary>FastAPI's validation error body (<c>{"detail": [...]}</c>).</summary>
public sealed record HttpValidationError
{
    /// <summary>The validation errors.</summary>
    [JsonPropertyName("detail")] public IReadOnlyList<ValidationError>? Detail { get; init; }
}

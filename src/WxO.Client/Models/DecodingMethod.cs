using System.Text.Json.Serialization;
using SharedSource;

namespace WxO.Client.Models;

/// <summary>Text generation decoding method. Unknown values from newer servers are kept as-is; equality ignores case.</summary>
/// <param name="Value">The value exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<DecodingMethod>))]
public readonly record struct DecodingMethod(string Value) : IExtensibleEnumValue<DecodingMethod>
{
    /// <summary>Always pick the most likely token.</summary>
    public static DecodingMethod Greedy { get; } = new("greedy");

    /// <summary>Sample from the distribution (temperature, top-k, top-p apply).</summary>
    public static DecodingMethod Sample { get; } = new("sample");

    static DecodingMethod IExtensibleEnumValue<DecodingMethod>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator DecodingMethod(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(DecodingMethod other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Serialization;

/// <summary>
/// Reads FastAPI's validation <c>loc</c>, an array whose items are field names (strings) or list indices
/// (integers), as text so callers can simply join it (<c>body.items.0.name</c>).
/// Public so your own source-generated <c>JsonSerializerContext</c> can include this SDK's models.
/// </summary>
public sealed class StringOrIntegerListConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array, got {reader.TokenType}.");
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number => reader.TryGetInt64(out var n)
                    ? n.ToString(CultureInfo.InvariantCulture)
                    : throw new JsonException("Expected an integer location item."),
                _ => throw new JsonException($"Expected a string or integer location item, got {reader.TokenType}."),
            });
        }

        return items;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            // Indices go back out as numbers so a round trip keeps FastAPI's shape.
            if (long.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                writer.WriteNumberValue(n);
            }
            else
            {
                writer.WriteStringValue(item);
            }
        }

        writer.WriteEndArray();
    }
}

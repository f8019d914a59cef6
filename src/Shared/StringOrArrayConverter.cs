using System.Text.Json;
using System.Text.Json.Serialization;

namespace SharedSource;

/// <summary>
/// Reads a list of strings that a server may send as a JSON array, or as a single string.
/// The vendor's own documented example sends <c>stop_sequences</c> as the string <c>"[\" and \"]"</c>,
/// i.e. a JSON array encoded inside a string; that form is unwrapped. Any other string is one item.
/// Always written back as a proper array.
/// Linked source, compiled into each vendor package (internal to each).
/// </summary>
internal sealed class StringOrArrayConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                return TryParseEmbeddedArray(text) ?? [text];
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(reader.TokenType == JsonTokenType.String
                        ? reader.GetString()!
                        : throw new JsonException($"Expected string items, got {reader.TokenType}."));
                }

                return items;
            default:
                throw new JsonException($"Expected a string or an array of strings, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static List<string>? TryParseEmbeddedArray(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '[' || trimmed[^1] != ']')
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
            reader.Read();
            var items = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                items.Add(reader.GetString()!);
            }

            return items;
        }
        catch (JsonException)
        {
            // Not an embedded array after all (e.g. the literal stop sequence "[x"): keep the text as one item.
            return null;
        }
    }
}

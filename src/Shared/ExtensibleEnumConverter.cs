using System.Text.Json;
using System.Text.Json.Serialization;

namespace SharedSource;

/// <summary>
/// Reads and writes an extensible enum as its raw string. Values a newer server invents are kept
/// as they are, never rejected: the client must not break when the vendor adds a status.
/// Linked source, compiled into each vendor package (internal to each).
/// </summary>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter<T> where T : struct, IExtensibleEnumValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        return T.FromValue(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}

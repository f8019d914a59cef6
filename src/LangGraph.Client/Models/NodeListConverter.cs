using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>Node lists: <c>"*"</c> (every node) or an array of node names; <see cref="ThreadRunRequest.AllNodes"/> is written as <c>"*"</c>.</summary>
public sealed class NodeListConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var nodes = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    nodes.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException($"Expected node names, got {reader.TokenType}."));
                }

                return nodes;
            default:
                throw new JsonException($"Expected \"*\" or an array of node names, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value is ["*"])
        {
            writer.WriteStringValue("*");
            return;
        }

        writer.WriteStartArray();
        foreach (var node in value)
        {
            writer.WriteStringValue(node);
        }

        writer.WriteEndArray();
    }
}

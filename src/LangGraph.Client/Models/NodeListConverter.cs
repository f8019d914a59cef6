using System.Text.Json;
using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>Node lists: <c>"*"</c> (every node) or an array of node names; <see cref="ThreadRunRequest.AllNodes"/> is written as <c>"*"</c>.</summary>
internal sealed class NodeListConverter : JsonConverter<IReadOnlyList<string>>
{
    private static readonly StringOrArrayConverter StringOrArray = new();

    /// <inheritdoc />
    /// <remarks>Read as the core's string-or-array lists are: <c>"*"</c> is the one-item list <see cref="ThreadRunRequest.AllNodes"/>.</remarks>
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => StringOrArray.Read(ref reader, typeToConvert, options);

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

using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace WxO.Client.Streaming;

/// <summary>
/// Reads the events of a stream body incrementally with the BCL's <see cref="SseParser"/>: each event reaches the caller
/// as soon as its blank line arrives, and nothing buffers the body.
/// </summary>
internal static class RunEventReader
{
    public static async IAsyncEnumerable<RunStreamEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parser = SseParser.Create(body, static (_, data) => ParseData(data));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            // The parser's LastEventId is the id of this event (or of the last one that had an id), as SSE defines it.
            yield return new RunStreamEvent
            {
                Event = item.EventType,
                Data = item.Data,
                Id = string.IsNullOrEmpty(parser.LastEventId) ? null : parser.LastEventId,
            };
        }
    }

    /// <summary>The data as JSON; data that is not JSON becomes a JSON string of its text.</summary>
    internal static JsonElement ParseData(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (reader.Read())
            {
                var value = JsonElement.ParseValue(ref reader);
                if (!reader.Read())
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: kept as text below.
        }

        var buffer = new ArrayBufferWriter<byte>(data.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(data);
        }

        var text = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref text);
    }
}

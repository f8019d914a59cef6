using System.Buffers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;

using WxO.Client.Primitives;

namespace WxO.Client.Streaming;

/// <summary>
/// Reads the events of a stream body incrementally; nothing buffers the body. A <c>text/event-stream</c> answer is parsed
/// with the BCL's <see cref="SseParser"/> (an event reaches the caller when its blank line arrives); any other answer is
/// read as lines (<see cref="ReadLinesAsync"/>).
/// </summary>
internal static class RunEventReader
{
    /// <summary>True when the answer is Server-Sent Events; otherwise it is read as lines.</summary>
    public static bool IsServerSentEvents(HttpResponseMessage response)
        => string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);

    public static async IAsyncEnumerable<RunStreamEvent> ReadServerSentEventsAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
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

    /// <summary>
    /// Reads a stream that is not <c>text/event-stream</c>, line by line, each event as soon as its line arrives: JSON lines
    /// (one JSON value per line), and SSE-like lines whose <c>data:</c> lines hold a whole JSON value each, even without the
    /// blank line SSE needs (some servers omit it). <c>event:</c> and <c>id:</c> lines name the next event; a <c>data:</c>
    /// value spread over several lines is collected until it parses or a blank line ends it. Comments (<c>:</c>) are skipped.
    /// A body that ends inside a JSON value is a cut (<see cref="IOException"/>), never an event.
    /// </summary>
    public static async IAsyncEnumerable<RunStreamEvent> ReadLinesAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        string? eventType = null;
        string? id = null;
        System.Text.StringBuilder? pending = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                if (pending is not null)
                {
                    yield return Event(eventType, pending.ToString(), id);
                }

                (eventType, pending) = (null, null);
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            if (Field(line, "event") is { } name)
            {
                eventType = name;
                continue;
            }

            if (Field(line, "id") is { } eventId)
            {
                id = eventId.Length == 0 ? null : eventId;
                continue;
            }

            // One pass: the payload is parsed as it is tested for being a whole JSON value (the common case, one per line).
            JsonElement value;
            bool complete;
            if (pending is null)
            {
                complete = TryParseJson(DataOf(line), out value);
            }
            else
            {
                pending.Append('\n').Append(DataOf(line));
                complete = TryParseJson(pending.ToString(), out value);
            }

            if (complete)
            {
                yield return new RunStreamEvent { Event = eventType ?? "message", Data = value, Id = id };
                (eventType, pending) = (null, null);
            }
            else
            {
                pending ??= new System.Text.StringBuilder().Append(DataOf(line));
            }
        }

        if (pending is not null)
        {
            var text = pending.ToString();
            if (text.AsSpan().TrimStart() is ['{' or '[', ..])
            {
                // JSON that never closed: the body was cut (a proxy closing mid-event), not an event made of text.
                throw new IOException("The body ended in the middle of an event.");
            }

            yield return Event(eventType, text, id);
        }

        static RunStreamEvent Event(string? type, string data, string? id)
            => new() { Event = type ?? "message", Data = ParseData(System.Text.Encoding.UTF8.GetBytes(data)), Id = id };
    }

    /// <summary>The value of an SSE-style <c>name:</c> line (one leading space dropped), or null for another line.</summary>
    private static string? Field(string line, string name) => TryField(line, name, out var value) ? value.ToString() : null;

    /// <summary>The payload of a line: the value of a <c>data:</c> line, or the whole line.</summary>
    private static ReadOnlySpan<char> DataOf(string line) => TryField(line, "data", out var value) ? value : line;

    private static bool TryField(string line, string name, out ReadOnlySpan<char> value)
    {
        if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] == ':')
        {
            value = line.AsSpan(name.Length + 1);
            value = value.StartsWith(" ") ? value[1..] : value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The text as JSON, if it is exactly one whole JSON value; transcoded in a pooled buffer.</summary>
    private static bool TryParseJson(ReadOnlySpan<char> text, out JsonElement value)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, System.Text.Encoding.UTF8.GetBytes(text, buffer)));
            if (reader.Read())
            {
                value = JsonElement.ParseValue(ref reader);
                return !reader.Read();
            }
        }
        catch (JsonException)
        {
            // Not (yet) a whole JSON value.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        value = default;
        return false;
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

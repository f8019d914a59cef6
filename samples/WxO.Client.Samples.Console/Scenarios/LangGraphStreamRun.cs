using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client;
using LangGraph.Client.Models;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Start a LangGraph run on a new thread and print its events live, then the final state.</summary>
public static class LangGraphStreamRun
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, string graphId, JsonNode? input, TextWriter output, CancellationToken cancellationToken)
    {
        var thread = await client.CreateThreadAsync(cancellationToken: cancellationToken);
        var request = new ThreadRunRequest { AssistantId = graphId, Input = input, StreamMode = [StreamMode.Values] };
        ThreadRunEvent? last = null;

        // Each event arrives as the server sends it; a broken connection is re-joined, never re-posted.
        // A failed run ends the loop with RunFailedException (reported by App as one line).
        await foreach (var e in client.StreamThreadRunAsync(thread.ThreadId, request, cancellationToken))
        {
            output.WriteLine($"{e.Event,-10} {Compact(e.Data)}");
            if (e.Event == "values")
            {
                last = e;
            }
        }

        output.WriteLine($"final state: {(last is null ? "(none)" : Compact(last.Data))}");
        return 0;
    }

    /// <summary>The JSON on one line, however the server indented it.</summary>
    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

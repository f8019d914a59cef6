using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client;
using LangGraph.Client.Models;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>
/// Start a LangGraph run on a new thread and print the thread id, the events as they arrive, the final state, then the
/// run as the server reports it (the ids work with <c>langgraph get</c>).
/// </summary>
public static class LangGraphStreamRun
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, string graphId, JsonNode? input, TextWriter output, CancellationToken cancellationToken)
    {
        var thread = await client.CreateThreadAsync(cancellationToken: cancellationToken);
        output.WriteLine($"thread     {thread.ThreadId}");
        var request = new ThreadRunRequest { AssistantId = graphId, Input = input, StreamMode = [StreamMode.Values] };
        ThreadRunEvent? last = null;
        Guid? runId = null;

        // Each event arrives as the server sends it; a broken connection is re-joined, never re-posted.
        // A failed run ends the loop with RunFailedException (reported by App as one line).
        await foreach (var e in client.StreamThreadRunAsync(thread.ThreadId, request, cancellationToken))
        {
            output.WriteLine($"{e.Event,-10} {Compact(e.Data)}");
            if (e.Event == ThreadRunEventType.Metadata && e.Data.TryGetProperty("run_id", out var id) && id.TryGetGuid(out var started))
            {
                runId = started;
            }
            else if (e.Event == ThreadRunEventType.Values)
            {
                last = e;
            }
        }

        output.WriteLine($"final state: {(last is null ? "(none)" : Compact(last.Data))}");
        if (runId is null)
        {
            output.WriteLine("The stream did not say which run it was.");
            return App.RunDidNotSucceed;
        }

        // The stream has ended; the run's own record says how it ended.
        var run = await client.GetThreadRunAsync(thread.ThreadId, runId.Value, cancellationToken);
        output.WriteLine($"Run {run.RunId} on thread {run.ThreadId}: {run.Status}");
        return run.ToSnapshot().State == RunState.Succeeded ? 0 : App.RunDidNotSucceed;
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

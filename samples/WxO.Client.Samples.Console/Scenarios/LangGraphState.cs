using System.Text.Json;
using LangGraph.Client;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>A LangGraph thread's state: its values, what runs next, and the questions its graph waits on.</summary>
public static class LangGraphState
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, Guid threadId, TextWriter output, CancellationToken cancellationToken)
    {
        var state = await client.GetThreadStateAsync(threadId, cancellationToken: cancellationToken);

        var table = new Table("FIELD", "VALUE");
        table.Add("checkpoint", state.Checkpoint?.CheckpointId ?? "-");
        table.Add("created_at", state.CreatedAt?.ToString("O") ?? "-");
        table.Add("next", state.Next is { Count: > 0 } next ? string.Join(", ", next) : "(nothing: the graph has finished)");
        foreach (var task in state.Tasks ?? [])
        {
            foreach (var interrupt in task.Interrupts ?? [])
            {
                table.Add($"asks ({task.Name})", interrupt.Value.GetRawText());
            }
        }

        table.Write(output);
        output.WriteLine();
        output.WriteLine(Indented(state.Values));
        return 0;
    }

    /// <summary>The values as indented JSON (written element by element: no reflection, AOT-safe).</summary>
    private static string Indented(JsonElement values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            values.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

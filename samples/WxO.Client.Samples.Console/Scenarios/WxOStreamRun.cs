using System.Text.Json;
using WxO.Client.Models;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Send a message to an Orchestrate agent, print the reply as it streams, then the run's final status.</summary>
public static class WxOStreamRun
{
    public static async Task<int> RunAsync(IWxORunsClient client, string agentId, string message, TextWriter output, CancellationToken cancellationToken)
    {
        var request = new CreateRunRequest { Message = RunMessage.FromUser(message), AgentId = agentId };
        string? runId = null;

        // Events arrive as the server sends them; run.failed ends the loop with RunFailedException (App prints it).
        await foreach (var e in client.StreamRunAsync(request, cancellationToken))
        {
            runId ??= e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("run_id", out var id) ? id.GetString() : null;
            if (e.Event == AssistantRunEventType.MessageDelta)
            {
                foreach (var item in e.Data.GetProperty("delta").GetProperty("content").EnumerateArray())
                {
                    output.Write(item.TryGetProperty("text", out var text) ? text.GetString() : string.Empty);
                }
            }
        }

        output.WriteLine();
        if (runId is null)
        {
            output.WriteLine("The stream did not say which run it was.");
            return App.RunDidNotSucceed;
        }

        // The stream has ended; the run's own record says how it ended.
        var run = await client.GetRunAsync(runId, cancellationToken);
        output.WriteLine($"Run {run.Id} on thread {run.ThreadId}: {run.Status}");
        return run.ToSnapshot().State == RunState.Succeeded ? 0 : App.RunDidNotSucceed;
    }
}

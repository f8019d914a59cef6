using LangGraph.Client;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Read one LangGraph thread run (runs are addressed per thread; both ids are GUIDs).</summary>
public static class LangGraphGetRun
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, Guid threadId, Guid runId, TextWriter output, CancellationToken cancellationToken)
    {
        var run = await client.GetThreadRunAsync(threadId, runId, cancellationToken);
        var snapshot = run.ToSnapshot();

        var table = new Table("FIELD", "VALUE");
        table.Add("run_id", run.RunId.ToString());
        table.Add("thread_id", run.ThreadId.ToString());
        table.Add("assistant_id", run.AssistantId?.ToString() ?? "-");
        table.Add("status", $"{run.Status?.Value} ({snapshot.State})");
        table.Add("created_at", run.CreatedAt?.ToString("O") ?? "-");
        table.Add("updated_at", run.UpdatedAt?.ToString("O") ?? "-");
        table.Add("multitask", run.MultitaskStrategy?.Value ?? "-");
        table.Write(output);
        return 0;
    }
}

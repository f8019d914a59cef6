namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Read one watsonx Orchestrate run.</summary>
public static class GetRun
{
    public static async Task<int> RunAsync(IWxORunsClient client, string runId, TextWriter output, CancellationToken cancellationToken)
    {
        // RunNotFoundException for an unknown id; the caller (App) turns every documented failure into one line.
        var run = await client.GetRunAsync(runId, cancellationToken);

        var table = new Table("FIELD", "VALUE");
        table.Add("id", run.Id);
        table.Add("status", run.Status?.Value ?? "-");
        table.Add("thread", run.ThreadId ?? "-");
        table.Add("agent", run.AgentId ?? "-");
        table.Add("created", run.CreatedAt?.ToString("u") ?? "-");
        table.Add("completed", run.CompletedAt?.ToString("u") ?? "-");
        table.Add("last error", run.LastError ?? "-");
        table.Write(output);
        return 0;
    }
}

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>List every watsonx Orchestrate run, page by page, with its vendor-neutral state.</summary>
public static class ListRuns
{
    public static async Task<int> RunAsync(IWxORunsClient client, TextWriter output, CancellationToken cancellationToken)
    {
        var table = new Table("RUN ID", "STATUS", "STATE", "CREATED", "AGENT");

        // EnumerateRunsAsync requests the next page while you work on this one, and stops on a short or repeated page.
        await foreach (var run in client.EnumerateRunsAsync(pageSize: 50, cancellationToken))
        {
            RunSnapshot snapshot = run.ToSnapshot();   // no extra request
            table.Add(run.Id, run.Status?.Value ?? "-", snapshot.State.ToString(), run.CreatedAt?.ToString("u") ?? "-", run.AgentId ?? "-");
        }

        table.Write(output);
        output.WriteLine($"{table.Count} run(s).");
        return 0;
    }
}

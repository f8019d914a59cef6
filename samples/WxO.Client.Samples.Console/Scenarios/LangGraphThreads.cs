using LangGraph.Client;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>The LangGraph server's threads, newest first, with their status (idle, busy, interrupted, error).</summary>
public static class LangGraphThreads
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var table = new Table("THREAD_ID", "STATUS", "CREATED_AT", "UPDATED_AT");
        await foreach (var thread in client.EnumerateThreadsAsync(pageSize: Math.Min(limit, 100), cancellationToken: cancellationToken).Take(limit).WithCancellation(cancellationToken))
        {
            table.Add(thread.ThreadId.ToString(), thread.Status?.Value ?? "-", thread.CreatedAt?.ToString("O") ?? "-", thread.UpdatedAt?.ToString("O") ?? "-");
        }

        table.Write(output);
        return 0;
    }
}

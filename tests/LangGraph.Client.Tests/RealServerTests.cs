using System.Text.Json;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Against the real LangGraph Agent Server (npm @langchain/langgraph-api) started by <see cref="LangGraphServerFixture"/>.</summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerTests(LangGraphServerFixture server)
{
    private TestHost<ILangGraphRunsClient> Client() => LangGraphTestClient.Create(server.BaseAddress);

    private static (Guid Thread, Guid Run) Ids(JsonElement run)
        => (run.GetProperty("thread_id").GetGuid(), run.GetProperty("run_id").GetGuid());

    [Fact]
    public async Task A_created_run_reads_back_equal_to_the_servers_own_json()
    {
        var (threadId, runId) = Ids(await server.CreateRunAsync(new { mode = "quick" }));
        var raw = await server.WaitForStatusAsync(threadId, runId, "success", "error");
        using var host = Client();

        var run = await host.Client.GetThreadRunAsync(threadId, runId);

        Assert.Equal(raw.GetProperty("run_id").GetGuid(), run.RunId);
        Assert.Equal(raw.GetProperty("thread_id").GetGuid(), run.ThreadId);
        Assert.Equal(raw.GetProperty("assistant_id").GetGuid(), run.AssistantId);
        Assert.Equal(raw.GetProperty("status").GetString(), run.Status!.Value.Value);
        Assert.Equal("success", run.Status.Value.Value);
        Assert.Equal(DateTimeOffset.Parse(raw.GetProperty("created_at").GetString()!), run.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse(raw.GetProperty("updated_at").GetString()!), run.UpdatedAt);
        Assert.Equal(raw.GetProperty("multitask_strategy").GetString(), run.MultitaskStrategy!.Value.Value);
        JsonAssert.Equivalent(raw.GetProperty("metadata").GetRawText(), Serialize(run.Metadata!));
        JsonAssert.Equivalent(raw.GetProperty("kwargs").GetRawText(), Serialize(run.Kwargs!));
        Assert.Equal("quick", run.Kwargs!["input"].GetProperty("mode").GetString());
        Assert.True(run.Kwargs.ContainsKey("config"));
        Assert.True(run.Kwargs.ContainsKey("stream_mode"));
        // Every top-level field the server sent is either modelled or kept.
        var written = JsonSerializer.SerializeToElement(run, LangGraphJsonContext.Default.ThreadRun);
        Assert.All(raw.EnumerateObject(), p => Assert.True(written.TryGetProperty(p.Name, out _), $"field '{p.Name}' was dropped"));
    }

    private static string Serialize(IReadOnlyDictionary<string, JsonElement> map)
        => JsonSerializer.Serialize(map.ToDictionary(kv => kv.Key, kv => kv.Value), LangGraphTestJsonContext.Default.DictionaryStringJsonElement);

    [Fact]
    public async Task A_slow_run_is_seen_pending_or_running_then_success()
    {
        var (threadId, runId) = Ids(await server.CreateRunAsync(new { mode = "sleep", ms = 2000 }));
        using var host = Client();
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);

        while (DateTime.UtcNow < deadline)
        {
            var snapshot = await host.Client.GetRunSnapshotAsync(new RunReference(runId.ToString(), threadId.ToString()));
            if (seen.Count == 0 || seen[^1] != snapshot.RawStatus)
            {
                seen.Add(snapshot.RawStatus!);
            }

            if (snapshot.IsTerminal)
            {
                Assert.Equal(RunState.Succeeded, snapshot.State);
                break;
            }

            await Task.Delay(100);
        }

        Assert.Contains(seen[0], new[] { "pending", "running" });
        Assert.Equal("success", seen[^1]);
    }

    [Fact]
    public async Task A_throwing_node_ends_in_error_and_Failed()
    {
        var (threadId, runId) = Ids(await server.CreateRunAsync(new { mode = "throw" }));
        await server.WaitForStatusAsync(threadId, runId, "success", "error");
        using var host = Client();

        var snapshot = await host.Client.GetRunSnapshotAsync(new RunReference(runId.ToString(), threadId.ToString()));

        Assert.Equal("error", snapshot.RawStatus);
        Assert.Equal(RunState.Failed, snapshot.State);
        Assert.True(snapshot.IsTerminal);
    }

    [Fact]
    public async Task An_unknown_run_is_RunNotFoundException_with_the_servers_text()
    {
        var (threadId, _) = Ids(await server.CreateRunAsync(new { mode = "quick" }));
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.GetThreadRunAsync(threadId, Guid.NewGuid()));

        Assert.Contains("Run not found", ex.Message);
        Assert.Equal("Run not found", ex.ServerMessage);
    }
}

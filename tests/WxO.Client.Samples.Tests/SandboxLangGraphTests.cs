using System.Text.Json.Nodes;
using LangGraph.Client;
using LangGraph.Client.Models;
using WxO.Client.Samples;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>The sandbox's LangGraph side serves the lifecycle the samples and docs show, through the real client.</summary>
public sealed class SandboxLangGraphTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly Sandbox _sandbox = Sandbox.Start();
    private readonly LangGraphRunsClient _client;

    public SandboxLangGraphTests()
        => _client = LangGraphRunsClient.Create(o => { o.BaseAddress = new Uri(_sandbox.LangGraphUrl); o.ReadApiKeyFromEnvironment = false; });

    public void Dispose()
    {
        _client.Dispose();
        _sandbox.Dispose();
    }

    private static ThreadRunRequest Request(string topic) => new() { AssistantId = "agent", Input = JsonNode.Parse($$"""{"topic":"{{topic}}"}""") };

    [Fact]
    public async Task Create_wait_join_get_and_list_follow_one_thread()
    {
        var thread = await _client.CreateThreadAsync(cancellationToken: Ct);

        var waited = await _client.CreateThreadRunAndWaitAsync(thread.ThreadId, Request("first"), Ct);
        var created = await _client.CreateThreadRunAsync(thread.ThreadId, Request("second"), Ct);
        var joined = await _client.JoinThreadRunAsync(thread.ThreadId, created.RunId, Ct);
        var read = await _client.GetThreadRunAsync(thread.ThreadId, created.RunId, Ct);
        var listed = await _client.ListThreadRunsAsync(thread.ThreadId, cancellationToken: Ct);
        var snapshot = await _client.GetRunSnapshotAsync(created.ToRunReference(), Ct);

        Assert.Equal(("first", "done"), (waited.GetProperty("input").GetProperty("topic").GetString(), waited.GetProperty("result").GetString()));
        Assert.Equal(("second", 3), (joined.GetProperty("input").GetProperty("topic").GetString(), joined.GetProperty("step").GetInt32()));
        Assert.Equal((created.RunId, ThreadRunStatus.Success), (read.RunId, read.Status!.Value));
        Assert.Equal(2, listed.Count);
        Assert.Equal(created.RunId, listed[^1].RunId);   // oldest first, as the LangGraph.js server lists them
        Assert.Equal(WxO.Client.RunState.Succeeded, snapshot.State);
    }

    [Fact]
    public async Task A_stream_can_be_joined_after_its_first_event()
    {
        var thread = await _client.CreateThreadAsync(cancellationToken: Ct);
        Guid? runId = null;
        await foreach (var e in _client.StreamThreadRunAsync(thread.ThreadId, Request("cats"), Ct))
        {
            runId = e.Data.GetProperty("run_id").GetGuid();
            break;
        }

        var rest = new List<string>();
        await foreach (var e in _client.JoinThreadRunStreamAsync(thread.ThreadId, runId!.Value, cancellationToken: Ct))
            rest.Add($"{e.Event} {e.Id}");

        Assert.Equal("metadata 0", rest[0]);
        Assert.Equal("values 3", rest[^1]);
    }

    [Fact]
    public async Task Unknown_threads_runs_and_graphs_are_the_real_server_s_404s()
    {
        var thread = await _client.CreateThreadAsync(cancellationToken: Ct);

        var graph = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => _client.CreateThreadRunAndWaitAsync(thread.ThreadId, new ThreadRunRequest { AssistantId = "nope" }, Ct));
        var missingThread = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _client.GetThreadAsync(Guid.NewGuid(), Ct));
        await Assert.ThrowsAsync<RunNotFoundException>(() => _client.GetThreadRunAsync(thread.ThreadId, Guid.NewGuid(), Ct));

        Assert.Equal(("assistant", "thread"), (graph.ResourceType, missingThread.ResourceType));
    }
}

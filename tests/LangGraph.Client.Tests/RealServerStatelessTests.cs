using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Runs without a thread of the caller's, batches, typed outputs and subgraph streams on the real server.
/// </summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerStatelessTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static ThreadRunRequest Agent(string input) => new() { AssistantId = "agent", Input = JsonNode.Parse(input) };

    [Fact]
    public async Task A_stateless_wait_and_stream_return_the_graphs_output()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);

        var output = await host.Client.CreateRunAndWaitAsync(Agent("""{"mode":"quick"}"""), Ct);
        var events = await host.Client.StreamRunAsync(Agent("""{"mode":"steps","count":3,"ms":50}"""), Ct).ToListAsync(Ct);

        Assert.Equal("done:quick", output.GetProperty("result").GetString());
        Assert.Equal(ThreadRunEventType.Metadata, events[0].Event);
        Assert.Equal([0, 1, 2, 3], events.Where(e => e.Event == ThreadRunEventType.Values).Select(e => e.Data.TryGetProperty("step", out var s) ? s.GetInt32() : 0));
        Assert.Equal("done:steps", events[^1].Data.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_stateless_background_run_kept_on_completion_can_be_read_back_on_its_thread()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);

        var run = await host.Client.CreateRunAsync(Agent("""{"mode":"quick"}""") with { OnCompletion = RunOnCompletion.Keep }, Ct);
        var output = await host.Client.JoinThreadRunAsync(run.ThreadId, run.RunId, LangGraphTestJsonContext.Default.AgentOutput, Ct);

        Assert.Equal("done:quick", output.Result);
        Assert.Equal(ThreadRunStatus.Success, (await host.Client.GetThreadRunAsync(run.ThreadId, run.RunId, Ct)).Status);
    }

    [Fact]
    public async Task A_stateless_run_that_fails_ends_in_RunFailedException()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);

        var waited = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.CreateRunAndWaitAsync(Agent("""{"mode":"throw"}"""), Ct));
        var streamed = await Assert.ThrowsAsync<RunFailedException>(async () => await host.Client.StreamRunAsync(Agent("""{"mode":"throw"}"""), Ct).ToListAsync(Ct));

        Assert.Contains("boom", waited.Message, StringComparison.Ordinal);
        Assert.Contains("boom", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stateless_run_or_batch_of_an_unknown_graph_is_a_404_naming_the_assistant_and_bad_values_a_validation_error()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var unknown = new ThreadRunRequest { AssistantId = "no-such-graph" };

        var single = await Assert.ThrowsAsync<ResourceNotFoundException>(() => host.Client.CreateRunAsync(unknown, Ct));
        var batch = await Assert.ThrowsAsync<ResourceNotFoundException>(() => host.Client.CreateRunsAsync([Agent("{}"), unknown], Ct));
        var invalid = await Assert.ThrowsAsync<RunValidationException>(() => host.Client.CreateRunAsync(Agent("{}") with { OnCompletion = "sometimes" }, Ct));

        Assert.Equal("assistant", single.ResourceType);
        Assert.Equal("assistant", batch.ResourceType);
        Assert.Equal(400, (int)invalid.StatusCode!);
    }

    [Fact]
    public async Task A_batch_of_five_creates_five_runs_in_order()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var requests = Enumerable.Range(0, 5)
            .Select(i => Agent("""{"mode":"quick"}""") with { OnCompletion = RunOnCompletion.Keep, Metadata = new JsonObject { ["n"] = i } }).ToList();

        var runs = await host.Client.CreateRunsAsync(requests, Ct);

        Assert.Equal(5, runs.Count);
        Assert.Equal(5, runs.Select(r => r.RunId).Distinct().Count());
        Assert.Equal([0, 1, 2, 3, 4], runs.Select(r => r.Metadata!["n"].GetInt32()));
        foreach (var run in runs)
        {
            var output = await host.Client.JoinThreadRunAsync(run.ThreadId, run.RunId, LangGraphTestJsonContext.Default.AgentOutput, Ct);
            Assert.Equal("done:quick", output.Result);
        }
    }

    [Fact]
    public async Task Typed_wait_reads_the_output_as_the_callers_type_and_a_mismatch_is_a_RunApiException()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await host.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;

        var typed = await host.Client.CreateThreadRunAndWaitAsync(threadId, Agent("""{"mode":"quick"}"""), LangGraphTestJsonContext.Default.AgentOutput, Ct);
        var stateless = await host.Client.CreateRunAndWaitAsync(Agent("""{"mode":"quick"}"""), LangGraphTestJsonContext.Default.AgentOutput, Ct);
        // The draft graph stops for review: its output has no "result", which AgentOutput requires.
        var mismatch = await Assert.ThrowsAsync<RunApiException>(() => host.Client.CreateRunAndWaitAsync(
            new ThreadRunRequest { AssistantId = "draft", Input = new JsonObject { ["topic"] = "x" } }, LangGraphTestJsonContext.Default.AgentOutput, Ct));

        Assert.Equal(new AgentOutput { Mode = "quick", Result = "done:quick" }, typed);
        Assert.Equal(typed, stateless);
        Assert.Contains("AgentOutput", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal(200, (int)mismatch.StatusCode!);
    }

    [Fact]
    public async Task A_subgraph_stream_names_each_events_namespace_and_a_join_asks_for_them_again()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var threadId = (await client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var request = new ThreadRunRequest { AssistantId = "nested", Input = new JsonObject(), StreamMode = [StreamMode.Updates], StreamSubgraphs = true };

        var events = await client.StreamThreadRunAsync(threadId, request, Ct).ToListAsync(Ct);
        var runId = Guid.Parse(events[0].Data.GetProperty("run_id").GetString()!);
        var joined = await client.JoinThreadRunStreamAsync(threadId, runId, "-1", [StreamMode.Updates], streamSubgraphs: true, Ct).ToListAsync(Ct);

        var sub = events.Where(e => e.Namespace.Count > 0).ToList();
        Assert.Equal(2, sub.Count);   // the child's two steps
        Assert.All(sub, e =>
        {
            Assert.Equal(ThreadRunEventType.Updates, e.BaseEvent);
            Assert.StartsWith("child:", Assert.Single(e.Namespace), StringComparison.Ordinal);
        });
        Assert.Equal(["one", "two"], sub.Select(e => e.Data.EnumerateObject().Single().Name));
        Assert.Equal(["prepare", "child"], events.Where(e => e.Event == ThreadRunEventType.Updates).Select(e => e.Data.EnumerateObject().Single().Name));
        Assert.Equal(events.Select(e => (e.Event.Value, e.Id)), joined.Select(e => (e.Event.Value, e.Id)));   // a replay keeps them all
    }
}

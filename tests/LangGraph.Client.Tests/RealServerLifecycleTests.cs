using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>The whole run lifecycle against the real LangGraph Agent Server (see <c>server/graph.js</c> for the modes).</summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerLifecycleTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private TestHost<ILangGraphRunsClient> Client() => LangGraphTestClient.Create(server.BaseAddress);

    private static ThreadRunRequest Run(string input) => new() { AssistantId = "agent", Input = JsonNode.Parse(input) };

    private static async Task<Guid> NewThreadAsync(ILangGraphRunsClient client) => (await client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;

    [Fact]
    public async Task Create_then_get_then_join_returns_the_graphs_output()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);

        var created = await host.Client.CreateThreadRunAsync(threadId, Run("""{"mode":"quick"}"""), Ct);
        var read = await host.Client.GetThreadRunAsync(threadId, created.RunId, Ct);
        var output = await host.Client.JoinThreadRunAsync(threadId, created.RunId, Ct);

        Assert.Equal(threadId, created.ThreadId);
        Assert.Equal(created.RunId, read.RunId);
        Assert.Equal("done:quick", output.GetProperty("result").GetString());
        Assert.Equal(ThreadRunStatus.Success, (await host.Client.GetThreadRunAsync(threadId, created.RunId, Ct)).Status);
    }

    [Fact]
    public async Task Each_404_of_the_real_server_names_what_is_missing()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);

        var assistant = await Assert.ThrowsAsync<ResourceNotFoundException>(
            () => host.Client.CreateThreadRunAsync(threadId, new ThreadRunRequest { AssistantId = "no-such-graph" }, Ct));
        var thread = await Assert.ThrowsAsync<ResourceNotFoundException>(() => host.Client.GetThreadAsync(Guid.NewGuid(), Ct));
        var run = await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.GetThreadRunAsync(threadId, Guid.NewGuid(), Ct));

        Assert.Equal(("assistant", "thread", "run"), (assistant.ResourceType, thread.ResourceType, run.ResourceType));
        Assert.StartsWith("No assistant found for \"no-such-graph\"", assistant.ServerMessage);
    }

    [Fact]
    public async Task Create_and_wait_returns_the_final_state()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);

        var output = await host.Client.CreateThreadRunAndWaitAsync(threadId, Run("""{"mode":"steps","count":2,"ms":50}"""), Ct);

        Assert.Equal("done:steps", output.GetProperty("result").GetString());
        Assert.Equal(2, output.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task List_and_enumerate_a_thread_with_more_runs_than_a_page()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        for (var i = 0; i < 5; i++)
        {
            await host.Client.CreateThreadRunAndWaitAsync(threadId, Run("""{"mode":"quick"}"""), Ct);
        }

        var page = await host.Client.ListThreadRunsAsync(threadId, limit: 2, cancellationToken: Ct);
        var all = await host.Client.ListThreadRunsAsync(threadId, limit: 10, status: ThreadRunStatus.Success, cancellationToken: Ct);
        var enumerated = await host.Client.EnumerateThreadRunsAsync(threadId, pageSize: 10, cancellationToken: Ct).ToListAsync(Ct);
        var smallPages = await host.Client.EnumerateThreadRunsAsync(threadId, pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, page.Count);
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Select(r => r.RunId), enumerated.Select(r => r.RunId));
        Assert.Equal(5, enumerated.Select(r => r.RunId).Distinct().Count());
        // LangGraph.js answers offset > 0 with an empty page (its offset bug): the documented result is the first page only.
        Assert.Equal(page.Select(r => r.RunId), smallPages.Select(r => r.RunId));
    }

    [Fact]
    public async Task Stream_yields_metadata_then_values_as_they_happen_then_ends()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var events = new List<ThreadRunEvent>();
        ThreadRunStatus? statusAtFirstEvent = null;

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId,
            Run("""{"mode":"steps","count":3,"ms":400}"""), Ct))
        {
            if (events.Count == 0)
            {
                var runId = e.Data.GetProperty("run_id").GetGuid();
                statusAtFirstEvent = (await host.Client.GetThreadRunAsync(threadId, runId, Ct)).Status;
            }

            events.Add(e);
        }

        Assert.Equal("metadata", events[0].Event);
        Assert.NotEqual(ThreadRunStatus.Success, statusAtFirstEvent);   // the first event came while the run was still going
        Assert.All(events.Skip(1), e => Assert.Equal("values", e.Event));
        Assert.Equal("done:steps", events[^1].Data.GetProperty("result").GetString());
        Assert.Equal(5, events.Count);   // metadata, the input, then one state per step
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task Join_stream_resumes_after_the_last_event_id_without_repeating_events()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var first = new List<ThreadRunEvent>();
        var request = Run("""{"mode":"steps","count":4,"ms":300}""") with { StreamResumable = true };

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId, request, Ct))
        {
            first.Add(e);
            if (first.Count == 3)
            {
                break;   // closes the connection; the run goes on
            }
        }

        var runId = first[0].Data.GetProperty("run_id").GetGuid();
        var rest = await host.Client.JoinThreadRunStreamAsync(threadId, runId, first[^1].Id, cancellationToken: Ct).ToListAsync(Ct);

        var steps = first.Concat(rest).Where(e => e.Event == "values").Select(e => e.Data.TryGetProperty("step", out var s) ? s.GetInt32() : 0).ToList();
        Assert.Equal([0, 1, 2, 3, 4], steps);
        Assert.DoesNotContain(rest, e => first.Any(f => f.Id == e.Id));
    }

    [Fact]
    public async Task Cancel_with_interrupt_stops_a_running_run()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var run = await host.Client.CreateThreadRunAsync(threadId, Run("""{"mode":"sleep","ms":20000}"""), Ct);
        await server.WaitForStatusAsync(threadId, run.RunId, "running");

        await host.Client.CancelThreadRunAsync(threadId, run.RunId, RunCancelAction.Interrupt, wait: true, Ct);

        var status = (await host.Client.GetThreadRunAsync(threadId, run.RunId, Ct)).Status!.Value.Value;
        // LangGraph.js reports a cancelled run as "interrupted" (or, in some versions, "error"); never still running.
        Assert.Contains(status, new[] { "interrupted", "error" });
    }

    [Fact]
    public async Task Cancel_with_rollback_and_no_wait_stops_the_run()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var run = await host.Client.CreateThreadRunAsync(threadId, Run("""{"mode":"sleep","ms":20000}"""), Ct);
        await server.WaitForStatusAsync(threadId, run.RunId, "running");

        await host.Client.CancelThreadRunAsync(threadId, run.RunId, RunCancelAction.Rollback, wait: false, Ct);

        // Without wait the call returns at once; the run then stops well before its 20 s sleep would end. A server that
        // implements rollback deletes the run (404); LangGraph.js marks it "error".
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string? status = "running";
        while (status is "running" or "pending" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
            try
            {
                status = (await host.Client.GetThreadRunAsync(threadId, run.RunId, Ct)).Status?.Value;
            }
            catch (RunNotFoundException)
            {
                status = null;
            }
        }

        Assert.Contains(status, new[] { null, "error", "interrupted" });
    }

    [Fact]
    public async Task Delete_then_get_is_not_found()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var run = await host.Client.CreateThreadRunAsync(threadId, Run("""{"mode":"quick"}"""), Ct);
        await host.Client.JoinThreadRunAsync(threadId, run.RunId, Ct);

        await host.Client.DeleteThreadRunAsync(threadId, run.RunId, Ct);

        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.GetThreadRunAsync(threadId, run.RunId, Ct));
    }

    [Fact]
    public async Task A_failing_node_is_RunFailedException_from_join_wait_and_stream_and_the_snapshot_error()
    {
        const string Boom = "boom: the test graph was asked to fail";
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var failing = Run("""{"mode":"throw"}""");

        var fromWait = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.CreateThreadRunAndWaitAsync(threadId, failing, Ct));
        var run = await host.Client.CreateThreadRunAsync(threadId, failing, Ct);
        var fromJoin = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.JoinThreadRunAsync(threadId, run.RunId, Ct));
        var streamed = new List<ThreadRunEvent>();
        var fromStream = await Assert.ThrowsAsync<RunFailedException>(async () =>
        {
            await foreach (var e in host.Client.StreamThreadRunAsync(threadId, failing, Ct))
            {
                streamed.Add(e);
            }
        });
        // The error text comes from the thread's state, so it is read for the thread's latest run: the streamed one.
        var streamedRunId = streamed[0].Data.GetProperty("run_id").GetString();
        var snapshot = await host.Client.GetRunSnapshotAsync(new RunReference(streamedRunId!, threadId.ToString()), Ct);

        Assert.All(new[] { fromWait, fromJoin, fromStream }, ex =>
        {
            Assert.Equal(Boom, ex.ServerMessage);
            Assert.Equal("Error", ex.ErrorName);
            Assert.Contains(Boom, ex.Message);
        });
        Assert.Equal("metadata", streamed[0].Event);
        Assert.Equal(RunState.Failed, snapshot.State);
        Assert.Equal($"Error: {Boom}", snapshot.Error);
    }

    [Fact]
    public async Task Interrupt_reads_RequiresInput_the_wait_stops_there_and_a_resume_succeeds()
    {
        using var host = Client();
        var threadId = await NewThreadAsync(host.Client);
        var asking = await host.Client.CreateThreadRunAsync(threadId, Run("""{"mode":"interrupt"}"""), Ct);
        var reference = new RunReference(asking.RunId.ToString(), threadId.ToString());
        var polling = new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(200), Timeout = TimeSpan.FromSeconds(30) };

        var parked = await host.Client.WaitForCompletionAsync(reference, polling, Ct);
        var thread = await host.Client.GetThreadAsync(threadId, Ct);

        Assert.Equal(RunState.RequiresInput, parked.State);
        Assert.Equal("success", parked.RawStatus);   // the run's own status: only the thread tells it is waiting
        Assert.False(parked.IsTerminal);
        Assert.Equal(ThreadStatus.Interrupted, thread.Status);
        var pending = Assert.Single(Assert.Single(thread.Interrupts!).Value);
        Assert.Equal("Approve the refund?", pending.Value.GetProperty("question").GetString());

        var resumed = await host.Client.CreateThreadRunAsync(threadId,
            new ThreadRunRequest { AssistantId = "agent", Command = new RunCommand { Resume = JsonValue.Create("yes") } }, Ct);
        var final = await host.Client.WaitForCompletionAsync(new RunReference(resumed.RunId.ToString(), threadId.ToString()), polling, Ct);
        var output = await host.Client.JoinThreadRunAsync(threadId, resumed.RunId, Ct);

        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal("answer:yes", output.GetProperty("result").GetString());
        Assert.Equal(RunState.Succeeded, (await host.Client.GetRunSnapshotAsync(reference, Ct)).State);
        Assert.Equal(ThreadStatus.Idle, (await host.Client.GetThreadAsync(threadId, Ct)).Status);
    }
}

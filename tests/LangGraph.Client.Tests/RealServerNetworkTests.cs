using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// The real LangGraph Agent Server behind a TCP proxy that breaks the network mid-run: cuts (a clean close, a reset), a
/// stalled (half-open) connection, and a caller who gives up while the create is still in flight.
/// </summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerNetworkTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static ThreadRunRequest Steps(int count, int ms)
        => new() { AssistantId = "agent", Input = JsonNode.Parse($$"""{"mode":"steps","count":{{count}},"ms":{{ms}}}""") };

    private static List<int> StepsOf(IEnumerable<ThreadRunEvent> events)
        => events.Where(e => e.Event == "values").Select(e => e.Data.TryGetProperty("step", out var s) ? s.GetInt32() : 0).ToList();

    [Fact]
    public async Task A_run_whose_connection_is_cut_twice_mid_run_arrives_whole_each_event_once()
    {
        using var proxy = new TcpProxy(server.BaseAddress);
        using var host = LangGraphTestClient.Create(proxy.Url);
        using var direct = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await direct.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var events = new List<ThreadRunEvent>();

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId, Steps(8, 250), Ct))
        {
            events.Add(e);
            if (events.Count is 3 or 6)
            {
                proxy.Cut(reset: events.Count == 6);   // a clean close first, then a reset
            }
        }

        Assert.Equal("metadata", events[0].Event);
        Assert.Equal(Enumerable.Range(0, 9), StepsOf(events));   // the input, then one state per step: none lost, none twice
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("done:steps", events[^1].Data.GetProperty("result").GetString());
        Assert.True(proxy.Connections >= 3, $"the stream was re-joined twice ({proxy.Connections} connections)");
    }

    [Fact]
    public async Task A_subgraph_stream_cut_inside_the_subgraph_is_re_joined_with_its_namespaced_events()
    {
        using var proxy = new TcpProxy(server.BaseAddress);
        using var host = LangGraphTestClient.Create(proxy.Url);
        using var direct = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await direct.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var request = new ThreadRunRequest { AssistantId = "nested", Input = new JsonObject(), StreamMode = [StreamMode.Updates], StreamSubgraphs = true };
        var events = new List<ThreadRunEvent>();

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId, request, Ct))
        {
            events.Add(e);
            if (e.Namespace.Count > 0 && events.Count(x => x.Namespace.Count > 0) == 1)
            {
                proxy.Cut(reset: true);   // inside the subgraph: its second step comes after the re-join
            }
        }

        Assert.Equal(["one", "two"], events.Where(e => e.Namespace.Count > 0).Select(e => e.Data.EnumerateObject().Single().Name));
        Assert.Equal(["prepare", "child"], events.Where(e => e.Event == ThreadRunEventType.Updates).Select(e => e.Data.EnumerateObject().Single().Name));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.True(proxy.Connections >= 2, $"the stream was re-joined ({proxy.Connections} connections)");
    }

    [Fact]
    public async Task A_body_ended_cleanly_mid_run_is_proven_cut_by_the_runs_status_and_re_joined()
    {
        // The proxy sends the terminating chunk in the server's place: a complete, well-formed body without the run's end.
        using var proxy = new TcpProxy(server.BaseAddress);
        using var host = LangGraphTestClient.Create(proxy.Url);
        using var direct = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await direct.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var events = new List<ThreadRunEvent>();

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId, Steps(6, 250), Ct))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                proxy.EndBodiesCleanly();
            }
        }

        Assert.Equal(Enumerable.Range(0, 7), StepsOf(events));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal("done:steps", events[^1].Data.GetProperty("result").GetString());
        Assert.True(proxy.Connections >= 2, $"the stream was re-joined ({proxy.Connections} connections)");
    }

    [Fact]
    public async Task A_stalled_connection_is_noticed_by_the_idle_watchdog_and_re_joined()
    {
        // The JS server sends no heartbeats, so the configured limit is the bound (a beating server tightens it to 6-30 s).
        using var proxy = new TcpProxy(server.BaseAddress);
        using var host = LangGraphTestClient.Create(proxy.Url, o => o.StreamIdleTimeout = TimeSpan.FromSeconds(2));
        using var direct = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await direct.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var events = new List<ThreadRunEvent>();

        await foreach (var e in host.Client.StreamThreadRunAsync(threadId, Steps(5, 300), Ct).WithCancellation(Ct))
        {
            events.Add(e);
            if (events.Count == 2)
            {
                proxy.Stall();   // nothing more arrives, nothing closes
            }
        }

        Assert.Equal(Enumerable.Range(0, 6), StepsOf(events));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(2, proxy.Connections);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_caller_who_cancels_before_any_answer_stops_the_run_only_with_on_disconnect_cancel(bool cancelOnDisconnect)
    {
        using var proxy = new TcpProxy(server.BaseAddress) { HoldResponses = true };
        using var host = LangGraphTestClient.Create(proxy.Url);
        using var direct = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = (await direct.Client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        var request = Steps(4, 500) with { OnDisconnect = cancelOnDisconnect ? RunOnDisconnect.Cancel : RunOnDisconnect.Continue };
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The POST reaches the server and the run starts, but no answer gets back: the caller does not know the run id.
        var stream = host.Client.StreamThreadRunAsync(threadId, request, caller.Token).ToListAsync(caller.Token).AsTask();
        var run = await FirstRunAsync(direct.Client, threadId);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);

        var final = await direct.Client.JoinThreadRunAsync(threadId, run.RunId, Ct).ContinueWith(_ => direct.Client.GetThreadRunAsync(threadId, run.RunId, Ct), Ct).Unwrap();
        // With cancel the server stops the run when the connection goes (LangGraph.js then reports it "error"); with
        // continue (the server's default) it runs to its end, and the caller can find it by listing the thread's runs.
        if (cancelOnDisconnect)
        {
            Assert.Contains(final.Status, new ThreadRunStatus?[] { ThreadRunStatus.Interrupted, ThreadRunStatus.Error });
        }
        else
        {
            Assert.Equal(ThreadRunStatus.Success, final.Status);
        }
    }

    private static async Task<ThreadRun> FirstRunAsync(ILangGraphRunsClient client, Guid threadId)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await client.ListThreadRunsAsync(threadId, cancellationToken: Ct) is [var run, ..])
            {
                return run;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The run never started.");
    }
}

using LangGraph.Client.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Paging through a thread's runs and the vendor-neutral snapshot of a finished run (parked on interrupt(), or failed with
/// the error only the thread's state holds), against scripted answers: the real-server tests show the same on a real server.
/// </summary>
public sealed class WireMockSnapshotAndPagingTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private static readonly Guid OtherRunId = Guid.Parse("7b1d9c3e-0000-4000-8000-000000000009");
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private TestHost<ILangGraphRunsClient> Client() => LangGraphTestClient.Create(new Uri(_server.Url!));

    private static Guid Id(int n) => new($"00000000-0000-4000-8000-{n:D12}");

    private void Page(int offset, params int[] runs)
        => _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs").UsingGet().WithParam("offset", offset.ToString()))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("[" + string.Join(",", runs.Select(n => LangGraphTestClient.Run(ThreadId, Id(n)))) + "]"));

    private async Task<List<int>> EnumerateAsync(int pageSize)
    {
        using var host = Client();
        var seen = new List<int>();
        await foreach (var run in host.Client.EnumerateThreadRunsAsync(ThreadId, pageSize, cancellationToken: Ct))
        {
            seen.Add(int.Parse(run.RunId.ToString()[^12..]));
        }

        return seen;
    }

    private List<string> Queries() => [.. _server.LogEntries.Select(e => e.RequestMessage!.RawQuery ?? "").Select(q => q.TrimStart('?'))];

    [Fact]
    public async Task Enumeration_asks_page_after_page_until_a_short_page()
    {
        Page(0, 1, 2);
        Page(2, 3, 4);
        Page(4, 5);

        Assert.Equal([1, 2, 3, 4, 5], await EnumerateAsync(pageSize: 2));
        Assert.Equal(["limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"], Queries());
    }

    [Fact]
    public async Task Enumeration_ends_at_a_page_with_nothing_new_and_skips_repeats()
    {
        Page(0, 1, 2);
        Page(2, 2, 3);   // one repeat, one new: carry on
        Page(4, 1, 3);   // a server ignoring offset: nothing new, stop

        Assert.Equal([1, 2, 3], await EnumerateAsync(pageSize: 2));
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Bad_paging_input_is_refused_before_any_request()
    {
        using var host = Client();

        Assert.Equal("pageSize", Assert.Throws<ArgumentOutOfRangeException>(() => host.Client.EnumerateThreadRunsAsync(ThreadId, 0)).ParamName);
        // Refused at the call, not at the first MoveNext.
        Assert.Equal("status", Assert.Throws<ArgumentException>(() => host.Client.EnumerateThreadRunsAsync(ThreadId, status: default(ThreadRunStatus))).ParamName);
        var limit = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Client.ListThreadRunsAsync(ThreadId, limit: 0));
        Assert.StartsWith("The page size must be at least 1. (Parameter 'limit')", limit.Message, StringComparison.Ordinal);
        var offset = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.Client.ListThreadRunsAsync(ThreadId, offset: -1));
        Assert.StartsWith("The offset must not be negative. (Parameter 'offset')", offset.Message, StringComparison.Ordinal);
        Assert.NotNull(await Record.ExceptionAsync(() => host.Client.ListThreadRunsAsync(ThreadId, limit: 1, offset: 0)));   // sent: nothing answers
        Assert.Single(_server.LogEntries);
    }

    private void RunAndState(string status, string? state)
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, status)));
        var answer = state is null
            ? Response.Create().WithStatusCode(404).WithBody("""{"detail":"Thread not found"}""")
            : Response.Create().WithHeader("Content-Type", "application/json").WithBody(state);
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/state").UsingGet()).RespondWith(answer);
    }

    private async Task<RunSnapshot> SnapshotAsync()
    {
        using var host = Client();
        return await ((IRunSource)host.Client).GetRunSnapshotAsync(new RunReference(RunId.ToString(), ThreadId.ToString()), Ct);
    }

    public static TheoryData<string, RunState> FinishedRuns() => new()
    {
        // This run wrote the latest checkpoint and a node is next: parked on interrupt().
        { $$$"""{"next":["approve"],"tasks":[],"metadata":{"run_id":"{{{RunId}}}"}}""", RunState.RequiresInput },
        // Or a task holds an interrupt.
        { $$$"""{"next":[],"tasks":[{"id":"t","name":"approve","interrupts":[{"value":"ok?"}]}],"metadata":{"run_id":"{{{RunId}}}"}}""", RunState.RequiresInput },
        // Nothing next, no interrupt: finished.
        { $$$"""{"next":[],"tasks":[{"id":"t","name":"approve","interrupts":[]}],"metadata":{"run_id":"{{{RunId}}}"}}""", RunState.Succeeded },
        // Another run wrote the latest checkpoint, or the writer is unknown: this run's own status stands.
        { $$$"""{"next":["approve"],"tasks":[],"metadata":{"run_id":"{{{OtherRunId}}}"}}""", RunState.Succeeded },
        { """{"next":["approve"],"tasks":[],"metadata":{"run_id":7}}""", RunState.Succeeded },
        { """{"next":["approve"],"tasks":[],"metadata":{"run_id":"not-a-guid"}}""", RunState.Succeeded },
        { """{"next":["approve"],"tasks":[]}""", RunState.Succeeded },
        // One task of several holding an interrupt is enough.
        { $$$"""{"next":[],"tasks":[{"id":"a","name":"x"},{"id":"b","name":"approve","interrupts":[{"value":"ok?"}]}],"metadata":{"run_id":"{{{RunId}}}"}}""", RunState.RequiresInput },
    };

    [Theory]
    [MemberData(nameof(FinishedRuns))]
    public async Task A_successful_run_parked_on_an_interrupt_requires_input(string state, RunState expected)
    {
        RunAndState("success", state);

        Assert.Equal(expected, (await SnapshotAsync()).State);
    }

    [Fact]
    public async Task A_snapshot_of_no_run_names_the_parameter()
    {
        using var client = LangGraphRunsClient.Create(o => { o.BaseAddress = new Uri("http://127.0.0.1:1"); o.ReadApiKeyFromEnvironment = false; });
        Assert.Equal("run", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetRunSnapshotAsync(null!))).ParamName);
    }

    [Fact]
    public async Task A_thread_without_state_leaves_the_runs_own_status()
    {
        RunAndState("success", state: null);

        var snapshot = await SnapshotAsync();

        Assert.Equal((RunState.Succeeded, null), (snapshot.State, snapshot.Error));
    }

    [Theory]
    [InlineData("""{"message":"boom","name":"ValueError"}""", "ValueError: boom")]
    [InlineData("""{"message":"boom","error":"ToolError"}""", "ToolError: boom")]
    [InlineData("""{"message":"boom"}""", "boom")]
    [InlineData("\"{\\\"message\\\":\\\"nested\\\",\\\"name\\\":\\\"KeyError\\\"}\"", "KeyError: nested")]
    [InlineData("\"{not json\"", "{not json")]
    [InlineData("\"plain text\"", "plain text")]
    [InlineData("""{"code":7}""", """{"code":7}""")]
    [InlineData("""{"message":"boom","name":"ValueError","error":"ToolError"}""", "ValueError: boom")]
    public async Task A_failed_runs_error_comes_from_the_first_task_that_has_one(string error, string expected)
    {
        RunAndState("error", $$$"""{"next":[],"tasks":[{"id":"a","name":"fine"},{"id":"b","name":"broken","error":{{{error}}}}],"metadata":{"run_id":"{{{RunId}}}"}}""");

        var snapshot = await SnapshotAsync();

        Assert.Equal((RunState.Failed, expected), (snapshot.State, snapshot.Error));
    }

    [Fact]
    public async Task A_failed_run_whose_tasks_hold_no_error_has_none()
    {
        RunAndState("error", $$$"""{"next":[],"tasks":[{"id":"a","name":"fine"}],"metadata":{"run_id":"{{{RunId}}}"}}""");

        var snapshot = await SnapshotAsync();

        Assert.Equal((RunState.Failed, null), (snapshot.State, snapshot.Error));
    }

    [Fact]
    public void Enumeration_refuses_an_empty_thread_id_at_the_call()
    {
        using var host = Client();

        Assert.Equal("threadId", Assert.Throws<ArgumentException>(() => host.Client.EnumerateThreadRunsAsync(Guid.Empty)).ParamName);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task A_running_run_needs_no_look_at_the_thread()
    {
        RunAndState("running", """{"next":["approve"],"tasks":[]}""");

        Assert.Equal(RunState.Running, (await SnapshotAsync()).State);
        Assert.Equal([$"/threads/{ThreadId}/runs/{RunId}"], _server.LogEntries.Select(e => e.RequestMessage!.Path));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task A_run_of_another_thread_or_id_than_asked_for_is_refused(bool otherRun, bool otherThread)
    {
        var (runId, threadId) = (otherRun ? OtherRunId : RunId, otherThread ? OtherRunId : ThreadId);
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(threadId, runId)));
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId, Ct));

        Assert.Equal(
            $"GET /threads/{ThreadId}/runs/{RunId} returned 200 but the body is not a valid ThreadRun: "
            + $"it is run {runId} of thread {threadId}, not the run {RunId} of thread {ThreadId} asked for",
            ex.Message);
    }
}

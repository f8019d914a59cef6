using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Threads, assistants, crons, stateless runs, batches and cancel-many on the wire: what is sent, how answers in the spec's
/// shapes are read, and bad input refused before any request. Crons and cancel-many are tested here only: the LangGraph.js
/// server answers them with 500 "Not implemented" and 404.
/// </summary>
public sealed class OperationsWireTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private static readonly Guid CronId = Guid.Parse("5c0d7d62-0a6c-4f64-9f55-3a1b2b7c1e01");
    private static readonly Guid AssistantId = Guid.Parse("fe096781-5601-53d2-b2f6-0d3403f7e9ca");
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private TestHost<ILangGraphRunsClient> Client() => LangGraphTestClient.Create(new Uri(_server.Url!));

    private void Answer(string path, string body, int status = 200)
        => _server.Given(Request.Create().WithPath(path)).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private JsonElement SentBody(int index = 0) => JsonDocument.Parse(_server.LogEntries.ElementAt(index).RequestMessage!.Body!).RootElement;

    private string Sent(int index = 0) => $"{_server.LogEntries.ElementAt(index).RequestMessage!.Method} {_server.LogEntries.ElementAt(index).RawPath()}{_server.LogEntries.ElementAt(index).RawQuery()}";

    /// <summary>A cron as the spec's <c>Cron</c> schema has it (every field), plus one it does not.</summary>
    private static readonly string Cron = $$$"""
        {"cron_id":"{{{CronId}}}","assistant_id":"{{{AssistantId}}}","thread_id":"{{{ThreadId}}}","end_time":"2027-01-01T00:00:00Z",
         "schedule":"0 9 * * 1-5","created_at":"2026-12-01T08:00:00+00:00","updated_at":"2026-12-01T08:00:00+00:00","user_id":null,
         "payload":{"assistant_id":"agent","input":{"mode":"quick"}},"next_run_date":"2026-12-08T09:00:00+00:00","metadata":{"team":"ops"},
         "enabled":true,"timezone":"Europe/Paris"}
        """;

    [Fact]
    public async Task Crons_are_created_searched_counted_updated_and_deleted_as_the_spec_says()
    {
        Answer($"/threads/{ThreadId}/runs/crons", Cron);
        Answer("/runs/crons", Cron);
        Answer("/runs/crons/search", $"[{Cron}, null]");
        Answer("/runs/crons/count", "3");
        Answer($"/runs/crons/{CronId}", Cron);
        using var host = Client();
        var client = host.Client;
        var request = new CronRequest
        {
            Schedule = "0 9 * * 1-5", AssistantId = "agent", TimeZone = "Europe/Paris", Input = new JsonObject { ["mode"] = "quick" },
            EndTime = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), InterruptBefore = ThreadRunRequest.AllNodes,
        };

        var onThread = await client.CreateThreadCronAsync(ThreadId, request with { MultitaskStrategy = MultitaskStrategy.Enqueue }, Ct);
        var stateless = await client.CreateCronAsync(request with { OnRunCompleted = RunOnCompletion.Keep }, Ct);
        var found = await client.SearchCronsAsync(new CronQuery { ThreadId = ThreadId, Enabled = true, SortBy = "next_run_date", SortOrder = ListSortDirection.Ascending }, limit: 5, offset: 10, Ct);
        var count = await client.CountCronsAsync(new CronQuery { AssistantId = AssistantId, SortBy = "created_at" }, Ct);
        var updated = await client.UpdateCronAsync(CronId, new CronUpdate { Enabled = false, Schedule = "0 10 * * *" }, Ct);
        await client.DeleteCronAsync(CronId, Ct);

        Assert.Equal(
            [$"POST /threads/{ThreadId}/runs/crons", "POST /runs/crons", "POST /runs/crons/search", "POST /runs/crons/count", $"PATCH /runs/crons/{CronId}", $"DELETE /runs/crons/{CronId}"],
            Enumerable.Range(0, 6).Select(i => Sent(i)));
        JsonAssert.Equivalent("""
            {"schedule":"0 9 * * 1-5","assistant_id":"agent","timezone":"Europe/Paris","end_time":"2027-01-01T00:00:00+00:00",
             "input":{"mode":"quick"},"interrupt_before":"*","multitask_strategy":"enqueue"}
            """, SentBody(0).GetRawText());
        Assert.Equal("keep", SentBody(1).GetProperty("on_run_completed").GetString());
        JsonAssert.Equivalent($$"""{"thread_id":"{{ThreadId}}","enabled":true,"limit":5,"offset":10,"sort_by":"next_run_date","sort_order":"asc"}""", SentBody(2).GetRawText());
        JsonAssert.Equivalent($$"""{"assistant_id":"{{AssistantId}}"}""", SentBody(3).GetRawText());   // a count sends filters only
        JsonAssert.Equivalent("""{"schedule":"0 10 * * *","enabled":false}""", SentBody(4).GetRawText());

        Assert.Equal(CronId, onThread.CronId);
        Assert.Equal((ThreadId, (Guid?)AssistantId, "0 9 * * 1-5", true), (onThread.ThreadId!.Value, onThread.AssistantId, onThread.Schedule, onThread.Enabled == true));
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero), stateless.NextRunDate);
        Assert.Equal("agent", stateless.Payload!["assistant_id"].GetString());
        Assert.Equal("Europe/Paris", stateless.AdditionalProperties!["timezone"].GetString());
        Assert.Single(found);   // the null item is dropped
        Assert.Equal(3, count);
        Assert.Equal("ops", updated.Metadata!["team"].GetString());
    }

    [Fact]
    public async Task An_unknown_cron_is_a_404_naming_the_cron()
    {
        Answer($"/runs/crons/{CronId}", """{"detail":"Cron not found"}""", status: 404);
        using var host = Client();

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => host.Client.DeleteCronAsync(CronId, Ct));

        Assert.Equal("cron", ex.ResourceType);
        Assert.Contains("Cron not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_many_sends_a_status_or_a_thread_and_its_runs_with_the_action()
    {
        _server.Given(Request.Create().WithPath("/runs/cancel")).RespondWith(Response.Create().WithStatusCode(204));
        using var host = Client();
        var other = Guid.NewGuid();

        await host.Client.CancelRunsAsync(RunsCancelStatus.Pending, cancellationToken: Ct);
        await host.Client.CancelRunsAsync(ThreadId, [RunId, other], RunCancelAction.Rollback, Ct);

        Assert.Equal(["POST /runs/cancel?action=interrupt", "POST /runs/cancel?action=rollback"], [Sent(0), Sent(1)]);
        JsonAssert.Equivalent("""{"status":"pending"}""", SentBody(0).GetRawText());
        JsonAssert.Equivalent($$"""{"thread_id":"{{ThreadId}}","run_ids":["{{RunId}}","{{other}}"]}""", SentBody(1).GetRawText());
    }

    [Fact]
    public async Task Cancel_many_on_a_server_without_it_is_a_typed_not_found_error()
    {
        _server.Given(Request.Create().WithPath("/runs/cancel")).RespondWith(Response.Create().WithStatusCode(404).WithBody("404 Not Found"));
        using var host = Client();

        var ex = await Assert.ThrowsAnyAsync<ResourceNotFoundException>(() => host.Client.CancelRunsAsync(RunsCancelStatus.All, cancellationToken: Ct));

        Assert.Equal(404, (int)ex.StatusCode!);
    }

    [Fact]
    public async Task Thread_calls_send_the_spec_bodies_and_queries()
    {
        var state = """{"values":{"a":1},"next":[],"tasks":[],"checkpoint":{"thread_id":"t","checkpoint_ns":"","checkpoint_id":"c2"},"metadata":{},"created_at":"2026-12-01T08:00:00Z"}""";
        Answer($"/threads/{ThreadId}/state", state);
        Answer($"/threads/{ThreadId}/state/checkpoint", state);
        Answer($"/threads/{ThreadId}/history", $"[{state}]");
        Answer("/threads/search", "[]");
        Answer("/threads/count", "0");
        using var host = Client();
        var client = host.Client;

        await client.GetThreadStateAsync(ThreadId, subgraphs: true, cancellationToken: Ct);
        await client.GetThreadStateAsync(ThreadId, new ThreadCheckpoint { CheckpointId = "c1", CheckpointNamespace = "" }, subgraphs: true, Ct);
        await client.GetThreadHistoryAsync(ThreadId, limit: 3, before: "c1", metadata: new JsonObject { ["source"] = "loop" }, Ct);
        await client.SearchThreadsAsync(new ThreadQuery { Status = ThreadStatus.Interrupted, Values = new JsonObject { ["a"] = 1 }, SortOrder = ListSortDirection.Descending }, limit: 2, offset: 4, Ct);
        await client.CountThreadsAsync(new ThreadQuery { Status = ThreadStatus.Busy, SortBy = "created_at" }, Ct);
        await client.GetThreadStateAsync(ThreadId, cancellationToken: Ct);

        Assert.Equal($"GET /threads/{ThreadId}/state?subgraphs=true", Sent(0));
        Assert.Equal($"POST /threads/{ThreadId}/state/checkpoint", Sent(1));
        JsonAssert.Equivalent("""{"checkpoint":{"checkpoint_ns":"","checkpoint_id":"c1"},"subgraphs":true}""", SentBody(1).GetRawText());
        JsonAssert.Equivalent("""{"limit":3,"before":"c1","metadata":{"source":"loop"}}""", SentBody(2).GetRawText());
        JsonAssert.Equivalent("""{"values":{"a":1},"status":"interrupted","limit":2,"offset":4,"sort_order":"desc"}""", SentBody(3).GetRawText());
        JsonAssert.Equivalent("""{"status":"busy"}""", SentBody(4).GetRawText());
        Assert.Equal($"GET /threads/{ThreadId}/state", Sent(5));   // subgraphs only when asked for
    }

    [Fact]
    public async Task Thread_search_that_repeats_its_pages_ends_without_looping()
    {
        var page = string.Join(",", Enumerable.Range(0, 2).Select(i => $$"""{"thread_id":"{{Guid.Parse($"00000000-0000-0000-0000-00000000000{i + 1}")}}"}"""));
        Answer("/threads/search", $"[{page}]");   // every offset: the same full page
        using var host = Client();

        var threads = await host.Client.EnumerateThreadsAsync(pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, threads.Count);
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task Assistant_ids_and_graph_ids_are_escaped_and_set_latest_sends_the_version_in_query_and_body()
    {
        var assistant = $$"""{"assistant_id":"{{AssistantId}}","graph_id":"my graph","config":{},"created_at":"2026-12-01T08:00:00Z","updated_at":"2026-12-01T08:00:00Z","metadata":{},"version":3}""";
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(assistant));
        using var host = Client();

        await host.Client.GetAssistantAsync("my graph/1", Ct);
        var latest = await host.Client.SetLatestAssistantVersionAsync(AssistantId.ToString(), 3, Ct);
        await host.Client.DeleteAssistantAsync(AssistantId.ToString(), deleteThreads: true, Ct);

        Assert.Equal("GET /assistants/my%20graph%2F1", Sent(0));
        Assert.Equal($"POST /assistants/{AssistantId}/latest?version=3", Sent(1));
        JsonAssert.Equivalent("""{"version":3}""", SentBody(1).GetRawText());
        Assert.Equal($"DELETE /assistants/{AssistantId}?delete_threads=true", Sent(2));
        Assert.Equal(3, latest.Version);
    }

    [Fact]
    public async Task Subgraph_schemas_in_the_spec_shape_and_the_LangGraph_js_shape_read_alike()
    {
        Answer($"/assistants/agent/subgraphs", """
            {"spec":{"input_schema":{"type":"object"},"output_schema":{},"state_schema":{"title":"S"},"config_schema":null},
             "js":{"input":{"type":"object"},"output":{},"state":{"title":"S"},"extra":1},
             "both":{"state_schema":{"title":"spec"},"state":{"title":"runtime"},"input":{},"output":{},"config":{"title":"C"}},
             "runtime":{"state":{"title":"R"}},
             "broken":null}
            """);
        using var host = Client();

        var subgraphs = await host.Client.GetAssistantSubgraphsAsync("agent", recurse: true, cancellationToken: Ct);

        Assert.Equal("GET /assistants/agent/subgraphs?recurse=true", Sent());
        Assert.Equal("S", subgraphs["spec"].StateSchema!.Value.GetProperty("title").GetString());
        Assert.Equal("S", subgraphs["js"].StateSchema!.Value.GetProperty("title").GetString());
        Assert.NotNull(subgraphs["js"].InputSchema);
        Assert.Equal(["extra"], subgraphs["js"].AdditionalProperties!.Keys);
        Assert.Null(subgraphs["broken"].StateSchema);
        // The spec's name wins; a runtime name the spec's does not fill stays as the server sent it.
        Assert.Equal("spec", subgraphs["both"].StateSchema!.Value.GetProperty("title").GetString());
        Assert.Equal("runtime", subgraphs["both"].AdditionalProperties!["state"].GetProperty("title").GetString());
        Assert.Equal("C", subgraphs["both"].ConfigSchema!.Value.GetProperty("title").GetString());
        Assert.NotNull(subgraphs["both"].OutputSchema);
        Assert.Equal(["state"], subgraphs["both"].AdditionalProperties!.Keys);
        Assert.Equal("R", subgraphs["runtime"].StateSchema!.Value.GetProperty("title").GetString());
        Assert.Null(subgraphs["runtime"].AdditionalProperties);   // every runtime name was read: nothing left over
    }

    [Fact]
    public async Task A_join_asks_for_its_stream_modes_and_subgraphs_and_asks_again_on_every_re_join()
    {
        var calls = 0;
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "GET" && request.Target.Contains("/stream", StringComparison.Ordinal))
            {
                await connection.StartChunkedAsync();
                if (Interlocked.Increment(ref calls) == 1)
                {
                    await connection.ChunkAsync("event: updates|child:1\ndata: {\"one\":{}}\nid: 1\n\n");
                    connection.Reset();
                    return;
                }

                await connection.ChunkAsync("event: updates\ndata: {\"two\":{}}\nid: 2\n\n");
                await connection.EndChunkedAsync();
                return;
            }

            await connection.RespondAsync(200, LangGraphTestClient.Run(ThreadId, RunId));
        });
        using var host = LangGraphTestClient.Create(server.Url);

        var events = await host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, streamMode: [StreamMode.Updates, StreamMode.Custom], streamSubgraphs: true, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["updates|child:1", "updates"], events.Select(e => e.Event.Value));
        Assert.Equal(["child:1"], events[0].Namespace);
        Assert.Empty(events[1].Namespace);
        var joins = server.Requests.Where(r => r.Target.Contains("/stream", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, joins.Count);
        Assert.All(joins, r => Assert.EndsWith("/stream?stream_mode=updates&stream_mode=custom&stream_subgraphs=true", r.Target, StringComparison.Ordinal));
        Assert.Equal([null, "1"], joins.Select(r => r.Header("Last-Event-ID")));
    }

    [Fact]
    public async Task A_stateless_stream_is_re_joined_through_its_run_after_an_event_with_an_id_and_never_re_posted()
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(extraHeaders: $"Content-Location: /runs/{RunId}\r\n");
                await connection.ChunkAsync($"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\nid: 0\n\nevent: values\ndata: {{\"step\":1}}\nid: 1\n\n");
                connection.Reset();
                return;
            }

            await connection.StartChunkedAsync();
            await connection.ChunkAsync("event: values\ndata: {\"step\":2}\nid: 2\n\n");
            await connection.EndChunkedAsync();
        });
        using var host = LangGraphTestClient.Create(server.Url);

        var events = await host.Client.StreamRunAsync(new ThreadRunRequest { AssistantId = "agent" }, Ct).ToListAsync(Ct);

        Assert.Equal(["0", "1", "2"], events.Select(e => e.Id));
        Assert.Equal(["POST /runs/stream", $"GET /runs/{RunId}/stream"], server.Requests.Select(r => $"{r.Method} {r.Target}"));
        Assert.Equal("1", server.Requests[1].Header("Last-Event-ID"));
        Assert.True(JsonDocument.Parse(server.Requests[0].Body).RootElement.GetProperty("stream_resumable").GetBoolean());
    }

    [Fact]
    public async Task A_stateless_stream_without_event_ids_is_not_re_joined_from_now_but_fails_as_broken()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(extraHeaders: $"Content-Location: /runs/{RunId}\r\n");
            await connection.ChunkAsync($"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\n\n");   // LangGraph.js: no ids here
            connection.Reset();
        });
        using var host = LangGraphTestClient.Create(server.Url);

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(async () => await host.Client.StreamRunAsync(new ThreadRunRequest { AssistantId = "agent" }, Ct).ToListAsync(Ct));

        Assert.Equal(RunId.ToString(), ex.RunId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_batch_is_sent_once_as_the_array_of_stateless_runs_and_never_retried()
    {
        _server.Given(Request.Create().WithPath("/runs/batch")).RespondWith(Response.Create().WithStatusCode(503));
        using var host = Client();
        var requests = new List<ThreadRunRequest> { new() { AssistantId = "agent" }, new() { AssistantId = "chat", OnCompletion = RunOnCompletion.Keep } };

        await Assert.ThrowsAnyAsync<RunApiException>(() => host.Client.CreateRunsAsync(requests, Ct));

        Assert.Equal(1, _server.RequestCount());
        JsonAssert.Equivalent("""[{"assistant_id":"agent"},{"assistant_id":"chat","on_completion":"keep"}]""", SentBody().GetRawText());
        _server.AssertSentWithContentLength(1);
    }

    [Fact]
    public async Task A_batch_answer_that_lists_fewer_runs_than_asked_is_an_invalid_body()
    {
        Answer("/runs/batch", $"[{LangGraphTestClient.Run(ThreadId, RunId, "pending")}]");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.CreateRunsAsync([new() { AssistantId = "agent" }, new() { AssistantId = "agent" }], Ct));

        Assert.Contains("1 runs for the 2 asked for", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typed_wait_of_a_failed_run_is_RunFailedException_not_a_body_error()
    {
        Answer("/runs/wait", """{"__error__":{"error":"ValueError","message":"boom"}}""");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.CreateRunAndWaitAsync(new ThreadRunRequest { AssistantId = "agent" }, LangGraphTestJsonContext.Default.AgentOutput, Ct));

        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    private static string State(string checkpointId, string? parent = null)
    {
        var parentJson = parent is null ? "" : ",\"parent_checkpoint\":{\"checkpoint_id\":\"" + parent + "\"}";
        return "{\"values\":{\"v\":\"" + checkpointId + "\"},\"next\":[],\"tasks\":[],\"checkpoint\":{\"checkpoint_id\":\"" + checkpointId
            + "\"},\"metadata\":{},\"created_at\":\"2026-12-01T08:00:00Z\"" + parentJson + "}";
    }

    [Fact]
    public async Task A_state_edit_sends_values_node_and_checkpoint_and_returns_the_checkpoint_it_wrote()
    {
        Answer($"/threads/{ThreadId}/state", """{"checkpoint":{"thread_id":"t","checkpoint_ns":"","checkpoint_id":"c9"}}""");
        using var host = Client();

        var written = await host.Client.UpdateThreadStateAsync(ThreadId, new ThreadStateUpdate
        {
            Values = new JsonObject { ["draft"] = "edited" }, AsNode = "write", Checkpoint = new ThreadCheckpoint { CheckpointId = "c1" },
        }, Ct);

        Assert.Equal($"POST /threads/{ThreadId}/state", Sent());
        JsonAssert.Equivalent("""{"values":{"draft":"edited"},"as_node":"write","checkpoint":{"checkpoint_id":"c1"}}""", SentBody().GetRawText());
        Assert.Equal(("t", "", "c9"), (written.ThreadId, written.CheckpointNamespace, written.CheckpointId));
    }

    [Fact]
    public async Task A_state_edit_answered_without_a_checkpoint_is_an_invalid_body()
    {
        Answer($"/threads/{ThreadId}/state", "{}");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.UpdateThreadStateAsync(ThreadId, new ThreadStateUpdate { AsNode = "write" }, Ct));

        Assert.Contains("names no checkpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_is_paged_by_the_last_checkpoint_yielded_until_a_short_page()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/history").WithBody(b => b is not null && !b.Contains("before", StringComparison.Ordinal)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{State("c4", "c3")},{State("c3", "c2")}]"));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/history").WithBody(b => b?.Contains("\"before\":\"c3\"", StringComparison.Ordinal) == true))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{State("c2", "c1")},{State("c1")}]"));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/history").WithBody(b => b?.Contains("\"before\":\"c1\"", StringComparison.Ordinal) == true))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("[]"));
        using var host = Client();

        var states = await host.Client.EnumerateThreadHistoryAsync(ThreadId, pageSize: 2, new JsonObject { ["source"] = "loop" }, Ct).ToListAsync(Ct);

        Assert.Equal(["c4", "c3", "c2", "c1"], states.Select(s => s.Checkpoint!.CheckpointId));
        Assert.Equal("c2", states[1].ParentCheckpoint!.CheckpointId);
        Assert.Equal(3, _server.RequestCount());   // the third page is empty: the end
        JsonAssert.Equivalent("""{"limit":2,"metadata":{"source":"loop"}}""", SentBody(0).GetRawText());
        JsonAssert.Equivalent("""{"limit":2,"before":"c3","metadata":{"source":"loop"}}""", SentBody(1).GetRawText());
    }

    [Fact]
    public async Task A_history_that_ignores_before_ends_without_looping()
    {
        Answer($"/threads/{ThreadId}/history", $"[{State("c2")},{State("c1")}]");
        using var host = Client();

        var states = await host.Client.EnumerateThreadHistoryAsync(ThreadId, pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["c2", "c1"], states.Select(s => s.Checkpoint!.CheckpointId));
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task Copy_update_and_delete_a_thread_on_the_wire()
    {
        var thread = $$$"""{"thread_id":"{{{ThreadId}}}","status":"idle","metadata":{"reviewer":"ana"}}""";
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(thread));
        using var host = Client();

        var copy = await host.Client.CopyThreadAsync(ThreadId, Ct);
        var updated = await host.Client.UpdateThreadAsync(ThreadId, new JsonObject { ["reviewer"] = "ana" }, Ct);
        await host.Client.DeleteThreadAsync(ThreadId, Ct);

        Assert.Equal([$"POST /threads/{ThreadId}/copy", $"PATCH /threads/{ThreadId}", $"DELETE /threads/{ThreadId}"], [Sent(0), Sent(1), Sent(2)]);
        JsonAssert.Equivalent("""{"metadata":{"reviewer":"ana"}}""", SentBody(1).GetRawText());
        Assert.Equal(ThreadId, copy.ThreadId);
        Assert.Equal("ana", updated.Metadata!["reviewer"].GetString());
    }

    private static string Assistant(Guid id, int version = 1) => $$"""{"assistant_id":"{{id}}","graph_id":"agent","config":{},"metadata":{},"version":{{version}},"name":"a{{version}}"}""";

    [Fact]
    public async Task Assistant_search_count_and_enumerate_send_the_query_and_page_by_offset()
    {
        var ids = Enumerable.Range(1, 3).Select(i => Guid.Parse($"00000000-0000-0000-0000-00000000000{i}")).ToList();
        _server.Given(Request.Create().WithPath("/assistants/search").WithBody(b => b?.Contains("\"offset\":0", StringComparison.Ordinal) == true))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{Assistant(ids[0])},{Assistant(ids[1])}]"));
        _server.Given(Request.Create().WithPath("/assistants/search").WithBody(b => b?.Contains("\"offset\":2", StringComparison.Ordinal) == true))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody($"[{Assistant(ids[2])}]"));
        Answer("/assistants/count", "3");
        using var host = Client();
        var query = new AssistantQuery { GraphId = "agent", Name = "a", Metadata = new JsonObject { ["team"] = "ops" }, SortBy = "name", SortOrder = ListSortDirection.Ascending };

        var all = await host.Client.EnumerateAssistantsAsync(query, pageSize: 2, Ct).ToListAsync(Ct);
        var count = await host.Client.CountAssistantsAsync(query, Ct);

        Assert.Equal(ids, all.Select(a => a.AssistantId));
        Assert.Equal(3, count);
        JsonAssert.Equivalent("""{"graph_id":"agent","name":"a","metadata":{"team":"ops"},"limit":2,"offset":0,"sort_by":"name","sort_order":"asc"}""", SentBody(0).GetRawText());
        JsonAssert.Equivalent("""{"graph_id":"agent","name":"a","metadata":{"team":"ops"}}""", SentBody(2).GetRawText());
    }

    [Fact]
    public async Task Assistant_reads_and_writes_on_the_wire()
    {
        _server.Given(Request.Create().WithPath($"/assistants/{AssistantId}/graph")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"nodes":[],"edges":[]}"""));
        _server.Given(Request.Create().WithPath($"/assistants/{AssistantId}/schemas")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody("""{"graph_id":"agent","input_schema":{"title":"I"},"state_schema":{"title":"S"},"context_schema":{"title":"C"}}"""));
        _server.Given(Request.Create().WithPath($"/assistants/{AssistantId}/versions")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody($"[{Assistant(AssistantId, 2)},{Assistant(AssistantId, 1)}]"));
        _server.Given(Request.Create().WithPath($"/assistants/{AssistantId}/subgraphs/child")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"child":{}}"""));
        _server.Given(Request.Create().WithPath("/assistants")).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Assistant(AssistantId)));
        _server.Given(Request.Create().WithPath($"/assistants/{AssistantId}").UsingPatch()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Assistant(AssistantId, 2)));
        using var host = Client();
        var id = AssistantId.ToString();

        var graph = await host.Client.GetAssistantGraphAsync(id, xray: true, Ct);
        var schemas = await host.Client.GetAssistantSchemasAsync(id, Ct);
        var versions = await host.Client.GetAssistantVersionsAsync(id, new JsonObject { ["team"] = "ops" }, limit: 5, offset: 1, Ct);
        var child = await host.Client.GetAssistantSubgraphsAsync(id, "child", cancellationToken: Ct);
        var created = await host.Client.CreateAssistantAsync(new AssistantRequest { GraphId = "agent", AssistantId = AssistantId, IfExists = IfThreadExists.DoNothing, Name = "a1" }, Ct);
        var updated = await host.Client.UpdateAssistantAsync(id, new AssistantUpdate { Context = new JsonObject { ["tone"] = "formal" } }, Ct);

        Assert.Equal($"GET /assistants/{AssistantId}/graph?xray=true", Sent(0));
        Assert.Equal(0, graph.GetProperty("nodes").GetArrayLength());
        Assert.Equal(("agent", "I", "S", "C"), (schemas.GraphId, schemas.InputSchema!.Value.GetProperty("title").GetString(), schemas.StateSchema!.Value.GetProperty("title").GetString(), schemas.ContextSchema!.Value.GetProperty("title").GetString()));
        Assert.Null(schemas.OutputSchema);
        JsonAssert.Equivalent("""{"metadata":{"team":"ops"},"limit":5,"offset":1}""", SentBody(2).GetRawText());
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal($"GET /assistants/{AssistantId}/subgraphs/child", Sent(3));
        Assert.Equal(["child"], child.Keys);
        JsonAssert.Equivalent($$"""{"graph_id":"agent","assistant_id":"{{AssistantId}}","if_exists":"do_nothing","name":"a1"}""", SentBody(4).GetRawText());
        Assert.Equal(1, created.Version);
        JsonAssert.Equivalent("""{"context":{"tone":"formal"}}""", SentBody(5).GetRawText());
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task A_graph_that_is_not_an_object_is_an_invalid_body()
    {
        Answer("/assistants/agent/graph", "[]");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetAssistantGraphAsync("agent", cancellationToken: Ct));

        Assert.Contains("not a graph object", ex.Message, StringComparison.Ordinal);
        Assert.Equal("GET /assistants/agent/graph", Sent());
    }

    [Fact]
    public async Task Stateless_create_and_typed_waits_on_the_wire()
    {
        Answer("/runs", LangGraphTestClient.Run(ThreadId, RunId, "pending"));
        Answer("/runs/wait", """{"mode":"quick","result":"done:quick"}""");
        Answer($"/threads/{ThreadId}/runs/wait", """{"mode":"quick","result":"done:quick"}""");
        Answer($"/threads/{ThreadId}/runs/{RunId}/join", """{"mode":"quick"}""");
        using var host = Client();

        var run = await host.Client.CreateRunAsync(Quick with { OnCompletion = RunOnCompletion.Keep, Metadata = new JsonObject { ["n"] = 1 } }, Ct);
        var element = await host.Client.CreateRunAndWaitAsync(Quick, Ct);
        var typed = await host.Client.CreateThreadRunAndWaitAsync(ThreadId, Quick, LangGraphTestJsonContext.Default.AgentOutput, Ct);
        var mismatch = await Assert.ThrowsAsync<RunApiException>(() => host.Client.JoinThreadRunAsync(ThreadId, RunId, LangGraphTestJsonContext.Default.AgentOutput, Ct));

        Assert.Equal(["POST /runs", "POST /runs/wait", $"POST /threads/{ThreadId}/runs/wait", $"GET /threads/{ThreadId}/runs/{RunId}/join"], Enumerable.Range(0, 4).Select(i => Sent(i)));
        JsonAssert.Equivalent("""{"assistant_id":"agent","metadata":{"n":1},"on_completion":"keep"}""", SentBody(0).GetRawText());
        Assert.Equal(RunId, run.RunId);
        Assert.Equal("done:quick", element.GetProperty("result").GetString());
        Assert.Equal("done:quick", typed.Result);
        Assert.Contains("not a AgentOutput", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains($"/threads/{ThreadId}/runs/{RunId}/join", mismatch.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("updates", "updates", new string[0])]
    [InlineData("updates|child:1", "updates", new[] { "child:1" })]
    [InlineData("messages|outer:a|inner:b", "messages", new[] { "outer:a", "inner:b" })]
    public void An_events_namespace_is_parsed_from_its_name(string name, string baseEvent, string[] path)
    {
        var e = LangGraphModelFactory.ThreadRunEvent(name);

        Assert.Equal(baseEvent, e.BaseEvent.Value);
        Assert.Equal(path, e.Namespace);
    }

    private static ThreadRunRequest Quick => new() { AssistantId = "agent" };

    public static TheoryData<Func<ILangGraphRunsClient, Task>, string> BadInput => new()
    {
        { c => c.CreateRunAsync(Quick with { Checkpoint = new JsonObject() }), "thread's run" },
        { c => c.CreateRunAsync(Quick with { MultitaskStrategy = MultitaskStrategy.Enqueue }), "thread's run" },
        { c => c.CreateRunAndWaitAsync(Quick with { IfNotExists = IfThreadNotExists.Create }), "thread's run" },
        { c => c.StreamRunAsync(Quick with { InterruptBefore = ThreadRunRequest.AllNodes }).GetAsyncEnumerator().MoveNextAsync().AsTask(), "thread's run" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { OnCompletion = RunOnCompletion.Keep }), "stateless run only" },
        { c => c.CreateRunAsync(Quick with { OnCompletion = default(RunOnCompletion) }), "not default" },
        { c => c.CreateRunAsync(null!), "request" },
        { c => c.CreateRunAndWaitAsync(Quick, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<AgentOutput>)null!), "outputType" },
        { c => c.JoinThreadRunAsync(Guid.Empty, RunId, LangGraphTestJsonContext.Default.AgentOutput), "thread id" },
        { c => c.CreateRunsAsync([]), "at least one" },
        { c => c.CreateRunsAsync([Quick, null!]), "run 1 is null" },
        { c => c.CreateRunsAsync([Quick, Quick with { Checkpoint = new JsonObject() }]), "requests[1]" },
        { c => c.CancelRunsAsync(ThreadId, []), "at least one run id" },
        { c => c.CancelRunsAsync(ThreadId, [Guid.Empty]), "Guid.Empty" },
        { c => c.CancelRunsAsync(Guid.Empty, [RunId]), "thread id" },
        { c => c.CancelRunsAsync(default(RunsCancelStatus)), "not default" },
        { c => c.CancelRunsAsync(RunsCancelStatus.All, default(RunCancelAction)), "RunCancelAction" },
        { c => c.GetThreadStateAsync(Guid.Empty), "thread id" },
        { c => c.GetThreadStateAsync(ThreadId, new ThreadCheckpoint()), "CheckpointId" },
        { c => c.UpdateThreadStateAsync(ThreadId, new ThreadStateUpdate()), "Values, AsNode" },
        { c => c.UpdateThreadStateAsync(ThreadId, new ThreadStateUpdate { Values = new JsonObject(), AsNode = " " }), "node name" },
        { c => c.UpdateThreadStateAsync(ThreadId, null!), "update" },
        { c => c.GetThreadHistoryAsync(ThreadId, limit: 0), "between 1 and 1000" },
        { c => c.GetThreadHistoryAsync(ThreadId, limit: 1001), "between 1 and 1000" },
        { c => c.GetThreadHistoryAsync(ThreadId, before: ""), "before" },
        { c => c.EnumerateThreadHistoryAsync(ThreadId, pageSize: 0).GetAsyncEnumerator().MoveNextAsync().AsTask(), "between 1 and 1000" },
        { c => c.EnumerateThreadHistoryAsync(Guid.Empty).GetAsyncEnumerator().MoveNextAsync().AsTask(), "thread id" },
        { c => c.CopyThreadAsync(Guid.Empty), "thread id" },
        { c => c.SearchThreadsAsync(offset: -1), "offset" },
        { c => c.SearchThreadsAsync(new ThreadQuery { Ids = [] }), "Ids" },
        { c => c.SearchThreadsAsync(new ThreadQuery { Ids = [Guid.Empty] }), "Ids" },
        { c => c.SearchThreadsAsync(new ThreadQuery { Status = default(ThreadStatus) }), "not default" },
        { c => c.SearchThreadsAsync(new ThreadQuery { SortBy = " " }), "SortBy" },
        { c => c.SearchThreadsAsync(new ThreadQuery { SortOrder = (ListSortDirection)7 }), "SortOrder" },
        { c => c.EnumerateThreadsAsync(pageSize: 1001).GetAsyncEnumerator().MoveNextAsync().AsTask(), "between 1 and 1000" },
        { c => c.CountThreadsAsync(new ThreadQuery { Ids = [ThreadId] }), "Ids" },
        { c => c.UpdateThreadAsync(ThreadId, null!), "metadata" },
        { c => c.UpdateThreadAsync(Guid.Empty, new JsonObject()), "thread id" },
        { c => c.DeleteThreadAsync(Guid.Empty), "thread id" },
        { c => c.GetAssistantAsync(" "), "assistant id" },
        { c => c.GetAssistantGraphAsync(""), "assistant id" },
        { c => c.GetAssistantSchemasAsync(null!), "assistant id" },
        { c => c.GetAssistantSubgraphsAsync("agent", " "), "subgraph" },
        { c => c.GetAssistantVersionsAsync("agent", limit: 0), "between 1 and 1000" },
        { c => c.SetLatestAssistantVersionAsync("agent", 0), "version" },
        { c => c.SearchAssistantsAsync(limit: 0), "between 1 and 1000" },
        { c => c.SearchAssistantsAsync(new AssistantQuery { SortOrder = (ListSortDirection)(-1) }), "SortOrder" },
        { c => c.EnumerateAssistantsAsync(pageSize: 0).GetAsyncEnumerator().MoveNextAsync().AsTask(), "between 1 and 1000" },
        { c => c.CreateAssistantAsync(new AssistantRequest { GraphId = " " }), "GraphId" },
        { c => c.CreateAssistantAsync(new AssistantRequest { GraphId = "agent", AssistantId = Guid.Empty }), "Guid.Empty" },
        { c => c.CreateAssistantAsync(new AssistantRequest { GraphId = "agent", IfExists = default(IfThreadExists) }), "not default" },
        { c => c.CreateAssistantAsync(null!), "request" },
        { c => c.UpdateAssistantAsync("agent", new AssistantUpdate()), "changes nothing" },
        { c => c.DeleteAssistantAsync(""), "assistant id" },
        { c => c.CreateThreadCronAsync(ThreadId, new CronRequest { Schedule = " ", AssistantId = "agent" }), "Schedule" },
        { c => c.CreateCronAsync(new CronRequest { Schedule = "* * * * *", AssistantId = "" }), "AssistantId" },
        { c => c.CreateCronAsync(new CronRequest { Schedule = "* * * * *", AssistantId = "agent", MultitaskStrategy = MultitaskStrategy.Reject }), "thread's cron only" },
        { c => c.CreateThreadCronAsync(ThreadId, new CronRequest { Schedule = "* * * * *", AssistantId = "agent", OnRunCompleted = RunOnCompletion.Keep }), "stateless cron only" },
        { c => c.CreateThreadCronAsync(Guid.Empty, new CronRequest { Schedule = "* * * * *", AssistantId = "agent" }), "thread id" },
        { c => c.CreateCronAsync(new CronRequest { Schedule = "* * * * *", AssistantId = "agent", InterruptAfter = [] }), "empty" },
        { c => c.CreateCronAsync(new CronRequest { Schedule = "* * * * *", AssistantId = "agent", Durability = default(RunDurability) }), "not default" },
        { c => c.SearchCronsAsync(new CronQuery { ThreadId = Guid.Empty }), "Guid.Empty" },
        { c => c.CountCronsAsync(new CronQuery { Enabled = false }), "Enabled" },
        { c => c.UpdateCronAsync(CronId, new CronUpdate()), "changes nothing" },
        { c => c.UpdateCronAsync(Guid.Empty, new CronUpdate { Enabled = true }), "cron id" },
        { c => c.UpdateCronAsync(CronId, new CronUpdate { OnRunCompleted = default(RunOnCompletion) }), "not default" },
        { c => c.DeleteCronAsync(Guid.Empty), "cron id" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, RunId, streamMode: []).GetAsyncEnumerator().MoveNextAsync().AsTask(), "stream modes" },
        { c => c.UpdateCronAsync(CronId, new CronUpdate { InterruptBefore = [] }), "empty" },
        { c => c.SearchCronsAsync(new CronQuery { SortBy = "" }), "SortBy" },
        { c => c.CancelRunsAsync(ThreadId, null!), "runIds" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, RunId, streamMode: [default]).GetAsyncEnumerator().MoveNextAsync().AsTask(), "stream modes" },
    };

    /// <summary>The enumerators check their arguments when called, not at the first MoveNext (when the mistake is far away).</summary>
    public static TheoryData<Func<ILangGraphRunsClient, object>, string> BadEnumeratorInput => new()
    {
        { c => c.EnumerateThreadsAsync(pageSize: 0), "between 1 and 1000" },
        { c => c.EnumerateThreadsAsync(new ThreadQuery { SortBy = " " }), "SortBy" },
        { c => c.EnumerateThreadHistoryAsync(Guid.Empty), "thread id" },
        { c => c.EnumerateThreadHistoryAsync(ThreadId, pageSize: 1001), "between 1 and 1000" },
        { c => c.EnumerateAssistantsAsync(pageSize: 0), "between 1 and 1000" },
        { c => c.EnumerateAssistantsAsync(new AssistantQuery { SortBy = "" }), "SortBy" },
    };

    [Theory]
    [MemberData(nameof(BadEnumeratorInput))]
    public void Enumerators_refuse_bad_input_when_called(Func<ILangGraphRunsClient, object> call, string mentions)
    {
        using var host = Client();

        var ex = Assert.ThrowsAny<ArgumentException>(() => call(host.Client));

        Assert.Contains(mentions, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_an_ArgumentException_before_any_request(Func<ILangGraphRunsClient, Task> call, string mentions)
    {
        using var host = Client();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(host.Client));

        Assert.Contains(mentions, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _server.RequestCount());
    }
}

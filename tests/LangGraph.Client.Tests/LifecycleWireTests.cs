using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// The lifecycle calls on the wire: request shapes, answers real servers give, no duplicate runs on retry, streams that
/// break, stall or end, and bad input refused before any request.
/// </summary>
public sealed class LifecycleWireTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private static readonly string RunsPath = $"/threads/{ThreadId}/runs";
    private static readonly string RunPath = $"{RunsPath}/{RunId}";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static ThreadRunRequest Quick => new() { AssistantId = "agent", Input = JsonNode.Parse("""{"mode":"quick"}""") };

    private TestHost<ILangGraphRunsClient> Client(Action<LangGraphClientOptions>? configure = null)
        => LangGraphTestClient.Create(new Uri(_server.Url!), configure);

    private static TestHost<ILangGraphRunsClient> Client(Uri baseAddress, Action<LangGraphClientOptions>? configure = null)
        => LangGraphTestClient.Create(baseAddress, configure);

    /// <summary>A server whose every stream breaks in the middle of its first event.</summary>
    private static ScriptedHttpServer AlwaysBreakingServer() => new(async (_, connection) =>
    {
        await connection.StartChunkedAsync();
        await connection.ChunkAsync(Sse(("values", "{}", 1)).Replace("\n\n", "\n", StringComparison.Ordinal));   // an event never finished
        connection.Reset();
    });

    private static string Sse(params (string Event, string Data, int Id)[] events)
        => string.Concat(events.Select(e => $"event: {e.Event}\ndata: {e.Data}\nid: {e.Id}\n\n"));

    [Fact]
    public async Task Create_sends_the_request_as_the_server_names_it()
    {
        _server.Given(Request.Create().WithPath(RunsPath).UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, "pending")));
        using var host = Client();

        var run = await host.Client.CreateThreadRunAsync(ThreadId, new ThreadRunRequest
        {
            AssistantId = "agent",
            Input = JsonNode.Parse("""{"mode":"quick"}"""),
            Metadata = new JsonObject { ["user"] = "ana" },
            InterruptBefore = ThreadRunRequest.AllNodes,
            InterruptAfter = ["review"],
            StreamMode = [StreamMode.Values, StreamMode.Updates],
            MultitaskStrategy = MultitaskStrategy.Interrupt,
            IfNotExists = IfThreadNotExists.Create,
            Durability = RunDurability.Sync,
            AfterSeconds = 1.5,
            Webhook = new Uri("https://example.com/hook"),
        }, Ct);

        Assert.Equal(RunId, run.RunId);
        var sent = Assert.Single(_server.LogEntries).RequestMessage!;
        JsonAssert.Equivalent("""
            {"assistant_id":"agent","input":{"mode":"quick"},"metadata":{"user":"ana"},"webhook":"https://example.com/hook",
             "interrupt_before":"*","interrupt_after":["review"],"stream_mode":["values","updates"],"multitask_strategy":"interrupt",
             "if_not_exists":"create","after_seconds":1.5,"durability":"sync"}
            """, sent.Body!);
    }

    [Fact]
    public async Task A_resume_sends_the_command()
    {
        _server.Given(Request.Create().WithPath(RunsPath).UsingPost())
            .RespondWith(Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId, "pending")));
        using var host = Client();

        await host.Client.CreateThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent", Command = new RunCommand { Resume = JsonValue.Create("yes") } }, Ct);

        JsonAssert.Equivalent("""{"assistant_id":"agent","command":{"resume":"yes"}}""", Assert.Single(_server.LogEntries).RequestMessage!.Body!);
    }

    public static TheoryData<Func<ILangGraphRunsClient, Task>, string> BadInput() => new()
    {
        { c => c.CreateThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = " " }), "AssistantId" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { Command = new RunCommand { Resume = JsonValue.Create(1) } }), "Input or Command" },
        { c => c.CreateThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "a", Command = new RunCommand() }), "Command is empty" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { OnDisconnect = RunOnDisconnect.Cancel }), "OnDisconnect" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { AfterSeconds = -1 }), "AfterSeconds" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { IfNotExists = default(IfThreadNotExists) }), "not default" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { Durability = default(RunDurability) }), "not default" },
        { c => c.CreateThreadRunAndWaitAsync(ThreadId, Quick with { OnDisconnect = default(RunOnDisconnect) }), "not default" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { MultitaskStrategy = new MultitaskStrategy(" ") }), "not default" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { StreamMode = [StreamMode.Values, default] }), "not default" },
        { c => c.CreateThreadAsync(new LangGraphThreadRequest { IfExists = default(IfThreadExists) }), "not default" },
        { c => c.ListThreadRunsAsync(ThreadId, status: default(ThreadRunStatus)), "not default" },
        { c => c.EnumerateThreadRunsAsync(ThreadId, status: default(ThreadRunStatus)).GetAsyncEnumerator().MoveNextAsync().AsTask(), "not default" },
        { c => c.CreateThreadRunAsync(ThreadId, Quick with { StreamMode = [] }), "empty list" },
        { c => c.CreateThreadRunAsync(Guid.Empty, Quick), "thread id" },
        { c => c.CreateThreadRunAndWaitAsync(Guid.Empty, Quick), "thread id" },
        { c => c.GetThreadRunAsync(Guid.Empty, RunId), "thread id" },
        { c => c.GetThreadRunAsync(ThreadId, Guid.Empty), "run id" },
        { c => c.CreateThreadRunAsync(ThreadId, null!), "request" },
        { c => c.CreateThreadRunAndWaitAsync(ThreadId, new ThreadRunRequest { AssistantId = "" }), "AssistantId" },
        { c => c.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "" }).GetAsyncEnumerator().MoveNextAsync().AsTask(), "AssistantId" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, RunId, "").GetAsyncEnumerator().MoveNextAsync().AsTask(), "last event id" },
        { c => c.JoinThreadRunAsync(ThreadId, Guid.Empty), "run id" },
        { c => c.CancelThreadRunAsync(ThreadId, RunId, default(RunCancelAction)), "RunCancelAction" },
        { c => c.DeleteThreadRunAsync(Guid.Empty, RunId), "thread id" },
        { c => c.ListThreadRunsAsync(ThreadId, limit: 0), "page size" },
        { c => c.EnumerateThreadRunsAsync(ThreadId, pageSize: 0).GetAsyncEnumerator().MoveNextAsync().AsTask(), "pageSize" },
        { c => c.CreateThreadAsync(new LangGraphThreadRequest { ThreadId = Guid.Empty }), "Guid.Empty" },
        { c => c.ListThreadRunsAsync(Guid.Empty), "thread id" },
        { c => c.EnumerateThreadRunsAsync(Guid.Empty).GetAsyncEnumerator().MoveNextAsync().AsTask(), "thread id" },
        { c => c.StreamThreadRunAsync(Guid.Empty, Quick).GetAsyncEnumerator().MoveNextAsync().AsTask(), "thread id" },
        { c => c.JoinThreadRunStreamAsync(Guid.Empty, RunId).GetAsyncEnumerator().MoveNextAsync().AsTask(), "thread id" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, Guid.Empty).GetAsyncEnumerator().MoveNextAsync().AsTask(), "run id" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, RunId, "\n5").GetAsyncEnumerator().MoveNextAsync().AsTask(), "last event id" },
        { c => c.JoinThreadRunStreamAsync(ThreadId, RunId, "5\r").GetAsyncEnumerator().MoveNextAsync().AsTask(), "last event id" },
        { c => c.GetThreadAsync(Guid.Empty), "thread id" },
        { c => c.CancelThreadRunAsync(Guid.Empty, RunId), "thread id" },
        { c => c.CancelThreadRunAsync(ThreadId, Guid.Empty), "run id" },
        { c => c.DeleteThreadRunAsync(ThreadId, Guid.Empty), "run id" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_an_ArgumentException_before_any_request(Func<ILangGraphRunsClient, Task> call, string mentions)
    {
        using var host = Client();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(host.Client));

        Assert.Contains(mentions, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task A_create_whose_connection_drops_after_the_server_read_it_is_not_retried()
    {
        using var server = new ScriptedHttpServer((_, connection) =>
        {
            connection.Reset();
            return Task.CompletedTask;
        });
        using var host = Client(server.Url);

        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.CreateThreadRunAsync(ThreadId, Quick, Ct));
        await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.CreateThreadRunAndWaitAsync(ThreadId, Quick, Ct));
        await Assert.ThrowsAsync<HttpRequestException>(async () => await host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct));

        // One request each: a second copy would have started a second run.
        Assert.Equal(["POST", "POST", "POST"], server.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(5, true)]      // a join that takes longer than AttemptTimeout is fine within LongPollTimeout
    [InlineData(0.3, false)]   // and ends by LongPollTimeout, each attempt
    public async Task A_join_attempt_is_limited_by_LongPollTimeout_not_AttemptTimeout(double longPollSeconds, bool completes)
    {
        _server.Given(Request.Create().WithPath(RunPath + "/join").UsingGet())
            .RespondWith(Response.Create().WithDelay(800).WithHeader("Content-Type", "application/json").WithBody("""{"answer":42}"""));
        _server.Given(Request.Create().WithPath(RunsPath + "/wait").UsingPost())
            .RespondWith(Response.Create().WithDelay(800).WithHeader("Content-Type", "application/json").WithBody("""{"answer":43}"""));
        using var host = Client(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.Resilience.LongPollTimeout = TimeSpan.FromSeconds(longPollSeconds);
            o.Resilience.MaxRetryAttempts = 1;
        });

        if (completes)
        {
            Assert.Equal(42, (await host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct)).GetProperty("answer").GetInt32());
            Assert.Equal(43, (await host.Client.CreateThreadRunAndWaitAsync(ThreadId, Quick, Ct)).GetProperty("answer").GetInt32());
            Assert.Equal(2, _server.LogEntries.Count());
        }
        else
        {
            // LongPollTimeout is also the call's deadline: the retry after the first attempt's timeout has no time left.
            await Assert.ThrowsAsync<TimeoutException>(() => host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct));
            await Assert.ThrowsAsync<TimeoutException>(() => host.Client.CreateThreadRunAndWaitAsync(ThreadId, Quick, Ct));
        }
    }

    [Fact]
    public async Task With_resilience_off_only_the_total_timeout_limits_a_call()
    {
        _server.Given(Request.Create().WithPath(RunPath).UsingGet())
            .RespondWith(Response.Create().WithDelay(500).WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, "success")));
        using var host = Client(o =>
        {
            o.Resilience.Enabled = false;
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(50);
        });

        Assert.Equal(RunId, (await host.Client.GetThreadRunAsync(ThreadId, RunId, Ct)).RunId);
    }

    [Fact]
    public async Task A_create_that_gets_a_5xx_is_not_retried_but_a_read_is()
    {
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503));
        using var host = Client();

        await Assert.ThrowsAsync<RunApiException>(() => host.Client.CreateThreadRunAsync(ThreadId, Quick, Ct));
        Assert.Single(_server.LogEntries);
        await Assert.ThrowsAsync<RunApiException>(() => host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct));
        Assert.Equal(1 + 1 + 3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_create_that_cannot_connect_is_retried()
    {
        var attempts = new AttemptCounter();
        var closedPort = ClosedPort();
        using var host = new TestHost<ILangGraphRunsClient>(s => s.AddLangGraphClient(o =>
            {
                o.BaseAddress = closedPort;
                o.ReadApiKeyFromEnvironment = false;
                TestHost<ILangGraphRunsClient>.FastRetries(o);
            })
            .HttpClientBuilder.AddHttpMessageHandler(() => attempts));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.CreateThreadRunAsync(ThreadId, Quick, Ct));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(1 + 3, attempts.Count);
    }

    [Fact]
    public async Task Wait_reads_the_output_after_keep_alive_newlines_and_a_failed_run_is_RunFailedException()
    {
        _server.Given(Request.Create().WithPath($"{RunsPath}/wait").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/plain")
                .WithBody("\n\n\n\n" + """{"__error__":{"error":"Error","message":"{\"error\":\"ValueError\",\"message\":\"bad input\"}"}}"""));
        _server.Given(Request.Create().WithPath($"{RunPath}/join").UsingGet())
            .RespondWith(Response.Create().WithBody("\n\n" + """{"result":"done:quick"}"""));
        using var host = Client();

        var failed = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.CreateThreadRunAndWaitAsync(ThreadId, Quick, Ct));
        var output = await host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct);

        Assert.Equal("ValueError", failed.ErrorName);
        Assert.Equal("bad input", failed.ServerMessage);
        Assert.Equal(System.Net.HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal($"POST {RunsPath}/wait: the run failed with ValueError: bad input", failed.Message);
        Assert.Equal("done:quick", output.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_run_failure_reported_with_an_error_status_is_RunFailedException_too()
    {
        _server.Given(Request.Create().WithPath($"{RunPath}/join").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"__error__":{"error":"TimeoutError","message":"step took too long"}}"""));
        using var host = Client(o => o.Resilience.MaxRetryAttempts = 0);

        var failed = await Assert.ThrowsAsync<RunFailedException>(() => host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct));

        Assert.Equal("TimeoutError", failed.ErrorName);
        Assert.Equal("step took too long", failed.ServerMessage);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
    }

    [Theory]
    [InlineData(200, "{}")]
    [InlineData(202, "")]
    [InlineData(204, "")]
    public async Task Cancel_and_delete_succeed_for_200_202_and_204(int status, string body)
    {
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
        using var host = Client();

        await host.Client.CancelThreadRunAsync(ThreadId, RunId, cancellationToken: Ct);
        await host.Client.CancelThreadRunAsync(ThreadId, RunId, RunCancelAction.Rollback, wait: true, Ct);
        await host.Client.DeleteThreadRunAsync(ThreadId, RunId, Ct);

        Assert.Equal(
            [$"POST {RunPath}/cancel?action=interrupt", $"POST {RunPath}/cancel?action=rollback&wait=true", $"DELETE {RunPath}"],
            _server.LogEntries.Select(e => $"{e.RequestMessage!.Method} {e.RawPath()}{e.RawQuery()}"));
    }

    [Fact]
    public async Task Cancel_of_an_unknown_run_is_RunNotFoundException()
    {
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(404).WithBody("Run not found"));
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.CancelThreadRunAsync(ThreadId, RunId, cancellationToken: Ct));

        Assert.Equal("Run not found", ex.ServerMessage);
    }

    [Fact]
    public async Task A_long_poll_outlasts_the_short_call_timeouts_that_still_cut_a_read()
    {
        _server.Given(Request.Create().WithPath($"{RunPath}/join")).RespondWith(Response.Create().WithBody("""{"ok":true}""").WithDelay(1500));
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId)).WithDelay(1500));
        using var host = Client(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(600);
        });

        var output = await host.Client.JoinThreadRunAsync(ThreadId, RunId, Ct);

        Assert.True(output.GetProperty("ok").GetBoolean());
        await Assert.ThrowsAsync<TimeoutException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId, Ct));
    }

    [Theory]
    // Only a location that ends in runs/<run id> names the run to re-join.
    [InlineData("/runs/{0}", true)]
    [InlineData("/threads/t/runs/{0}/", true)]
    [InlineData("/threads/t/runs", false)]
    [InlineData("/threads/t/runs/not-a-guid", false)]
    [InlineData("/threads/t/{0}", false)]
    [InlineData(null, false)]
    public async Task A_created_stream_is_rejoined_only_when_its_location_names_the_run(string? location, bool rejoined)
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(extraHeaders: location is null
                    ? ""
                    : $"Content-Location: {string.Format(System.Globalization.CultureInfo.InvariantCulture, location, RunId)}\r\n");
                await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
                connection.Reset();
                return;
            }

            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":2}""", 2)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url);

        var stream = host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct).AsTask();

        if (rejoined)
        {
            Assert.Equal(["1", "2"], (await stream).Select(e => e.Id));
            Assert.Equal(("GET", $"{RunPath}/stream"), (server.Requests[1].Method, server.Requests[1].Target));
        }
        else
        {
            var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(() => stream);
            Assert.EndsWith("and this stream cannot be re-joined. Events after '1' were not received.", ex.Message, StringComparison.Ordinal);
            Assert.Equal("1", ex.LastEventId);
            Assert.Single(server.Requests);
        }
    }

    [Fact]
    public async Task A_created_stream_that_cannot_be_re_joined_names_the_run_its_metadata_event_gave()
    {
        // No Content-Location: no re-join. The run id comes from the metadata event, not from another event's data.
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"run_id":"not-the-run"}""", 0), ("metadata", $$"""{"run_id":"{{RunId}}"}""", 1)));
            connection.Reset();
        });
        using var host = Client(server.Url);

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(async () => await host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct));

        Assert.Equal((RunId.ToString(), "1"), (ex.RunId, ex.LastEventId));
        Assert.StartsWith($"The stream of run {RunId} broke", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_the_caller_made_not_resumable_is_not_re_joined_since_its_gap_would_be_lost()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(extraHeaders: $"Content-Location: {RunPath}\r\n");
            await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
            connection.Reset();
        });
        using var host = Client(server.Url);

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(
            async () => await host.Client.StreamThreadRunAsync(ThreadId, Quick with { StreamResumable = false }, Ct).ToListAsync(Ct));

        Assert.Equal("1", ex.LastEventId);
        Assert.Contains("\"stream_resumable\":false", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"boom\"", null, "boom")]
    [InlineData("42", null, "42")]
    [InlineData("""{"error":"ValueError","message":"bad"}""", "ValueError", "bad")]
    [InlineData("""{"error":"E","message":"{\"error\":\"Inner\",\"message\":\"deep\"}"}""", "Inner", "deep")]
    [InlineData("""{"error":"E","message":"{\"message\":\"deep\"}"}""", "E", "deep")]
    [InlineData("""{"error":"E","message":"{\"error\":\"Inner\"}"}""", "E", "{\"error\":\"Inner\"}")]
    [InlineData("""{"error":"E","message":"{not json"}""", "E", "{not json")]
    [InlineData("""{"error":5,"message":"m"}""", null, "m")]
    public void An_error_event_gives_the_error_name_and_message_even_when_nested(string data, string? name, string? message)
    {
        var failure = LangGraphRunsClient.StreamFailure(new WxO.Client.Primitives.RunStreamEvent { Event = "error", Data = JsonDocument.Parse(data).RootElement });

        Assert.Equal((name, message), (failure!.ErrorName, failure.Message));
        Assert.Null(LangGraphRunsClient.StreamFailure(new WxO.Client.Primitives.RunStreamEvent { Event = "values", Data = JsonDocument.Parse(data).RootElement }));
    }

    [Fact]
    public async Task A_stream_cut_mid_way_is_rejoined_from_the_last_event_without_posting_again()
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(extraHeaders: $"Content-Location: {RunPath}\r\n");
                await connection.ChunkAsync(Sse(("metadata", $$"""{"run_id":"{{RunId}}"}""", 0), ("values", """{"step":1}""", 1)));
                connection.Reset();   // cut mid-stream, without the terminating chunk
                return;
            }

            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":2}""", 2), ("values", """{"step":3}""", 3)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url);

        var events = await host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct);

        Assert.Equal(["0", "1", "2", "3"], events.Select(e => e.Id));
        Assert.Equal(["metadata", "values", "values", "values"], events.Select(e => e.Event));
        Assert.Equal(3, events[^1].Data.GetProperty("step").GetInt32());
        var rejoin = server.Requests[1];
        Assert.Equal(("GET", $"{RunPath}/stream", "1"), (rejoin.Method, rejoin.Target, rejoin.Header("Last-Event-ID")));
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_stream_closed_cleanly_while_the_run_still_runs_is_rejoined_not_taken_as_complete()
    {
        var reads = 0;
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                // A proxy closing an idle connection: a clean end of the body, the run not over.
                await connection.StartChunkedAsync(extraHeaders: $"Content-Location: {RunPath}\r\n");
                await connection.ChunkAsync(Sse(("metadata", $$"""{"run_id":"{{RunId}}"}""", 0), ("values", """{"step":1}""", 1)));
                await connection.EndChunkedAsync();
            }
            else if (request.Target.EndsWith("/stream", StringComparison.Ordinal))
            {
                await connection.StartChunkedAsync();
                await connection.ChunkAsync(Sse(("values", """{"step":2}""", 2), ("values", """{"step":3}""", 3)));
                await connection.EndChunkedAsync();
            }
            else
            {
                await connection.RespondAsync(200, LangGraphTestClient.Run(ThreadId, RunId, Interlocked.Increment(ref reads) == 1 ? "running" : "success"));
            }
        });
        using var host = Client(server.Url);

        var events = await host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct);

        Assert.Equal(["0", "1", "2", "3"], events.Select(e => e.Id));
        Assert.Equal(
            [("POST", $"/threads/{ThreadId}/runs/stream", null), ("GET", RunPath, null), ("GET", $"{RunPath}/stream", "1"), ("GET", RunPath, null)],
            server.Requests.Select(r => (r.Method, r.Target, r.Header("Last-Event-ID"))));
    }

    [Fact]
    public async Task The_rejoin_of_a_created_stream_is_read_as_a_stream_not_buffered_within_the_attempt_timeout()
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(extraHeaders: $"Content-Location: {RunPath}\r\n");
                await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
                connection.Reset();
                return;
            }

            // The re-joined stream runs longer than AttemptTimeout: that limit is for the answer's headers, not the stream.
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":2}""", 2)));
            await Task.Delay(700, connection.Stopping);
            await connection.ChunkAsync(Sse(("values", """{"step":3}""", 3)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url, o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var events = await host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct).ToListAsync(Ct);

        Assert.Equal(["1", "2", "3"], events.Select(e => e.Id));
        Assert.Equal(["POST", "GET"], Streams(server).Select(r => r.Method));
    }

    [Fact]
    public async Task OnDisconnect_is_sent_with_a_streaming_or_waiting_run()
    {
        _server.Given(Request.Create().WithPath(RunsPath + "/wait").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"done":true}"""));
        _server.Given(Request.Create().WithPath(RunsPath + "/stream").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(Sse(("values", """{"step":1}""", 1))));
        using var host = Client();
        var request = Quick with { OnDisconnect = RunOnDisconnect.Continue };

        await host.Client.CreateThreadRunAndWaitAsync(ThreadId, request, Ct);
        await host.Client.StreamThreadRunAsync(ThreadId, request, Ct).ToListAsync(Ct);

        Assert.Equal(2, _server.LogEntries.Count());
        JsonAssert.Equivalent("""{"assistant_id":"agent","input":{"mode":"quick"},"on_disconnect":"continue"}""", _server.LogEntries.First().RequestMessage!.Body!);
        // A stream is also made resumable (unless the caller says otherwise), so a break can be re-joined without a gap.
        JsonAssert.Equivalent("""{"assistant_id":"agent","input":{"mode":"quick"},"on_disconnect":"continue","stream_resumable":true}""",
            _server.LogEntries.Last().RequestMessage!.Body!);
    }

    [Fact]
    public async Task A_thread_is_created_from_the_request_or_from_an_empty_object()
    {
        _server.Given(Request.Create().WithPath("/threads").UsingPost()).RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody($$$"""{"thread_id":"{{{ThreadId}}}","status":"idle","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","metadata":{}}"""));
        using var host = Client();

        var thread = await host.Client.CreateThreadAsync(cancellationToken: Ct);
        await host.Client.CreateThreadAsync(new LangGraphThreadRequest { ThreadId = ThreadId, Metadata = new JsonObject { ["user"] = "ana" }, IfExists = IfThreadExists.DoNothing }, Ct);

        Assert.Equal(ThreadId, thread.ThreadId);
        Assert.Equal(["{}", $$"""{"thread_id":"{{ThreadId}}","metadata":{"user":"ana"},"if_exists":"do_nothing"}"""], _server.LogEntries.Select(e => e.RequestMessage!.Body));
    }

    [Fact]
    public async Task A_silent_stream_is_rejoined_by_the_idle_watchdog()
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Index == 0)
            {
                await connection.StartChunkedAsync();
                await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
                await Task.Delay(TimeSpan.FromSeconds(30), connection.Stopping);   // stalls: no bytes at all
                return;
            }

            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1), ("values", """{"step":2}""", 2)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url, o => o.StreamIdleTimeout = TimeSpan.FromSeconds(1));

        var events = await host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct);

        // The repeated event 1 (a server that resends the event it resumed after) is dropped.
        Assert.Equal(["1", "2"], events.Select(e => e.Id));
        Assert.Equal("1", server.Requests[1].Header("Last-Event-ID"));
    }

    [Theory]
    // Broken after event 6: resumed from 6, not from the id the caller joined with.
    [InlineData(true, "6")]
    // Broken before any event: resumed from the id the caller joined with.
    [InlineData(false, "5")]
    public async Task A_rejoin_resumes_after_the_last_event_received_else_where_the_caller_joined(bool eventBeforeBreak, string resumedFrom)
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            await connection.StartChunkedAsync();
            if (request.Index == 0)
            {
                if (eventBeforeBreak)
                {
                    await connection.ChunkAsync(Sse(("values", """{"step":6}""", 6)));
                }

                connection.Reset();
                return;
            }

            await connection.ChunkAsync(Sse(("values", """{"step":7}""", 7)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url);

        var events = await host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, lastEventId: "5", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(eventBeforeBreak ? ["6", "7"] : ["7"], events.Select(e => e.Id));
        Assert.Equal(["5", resumedFrom], Streams(server).Select(r => r.Header("Last-Event-ID")));
    }

    [Fact]
    public async Task Rejoins_back_off_from_the_base_delay_doubling_up_to_the_max_delay()
    {
        using var server = AlwaysBreakingServer();
        var time = new TimerRecordingTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        using var host = new TestHost<ILangGraphRunsClient>(services => services.AddSingleton<TimeProvider>(time).AddLangGraphClient(o =>
        {
            o.BaseAddress = server.Url;
            o.ReadApiKeyFromEnvironment = false;
            o.StreamReconnectAttempts = 4;
            o.Resilience.BaseDelay = TimeSpan.FromSeconds(7);
            o.Resilience.MaxDelay = TimeSpan.FromSeconds(20);
        }));

        await Assert.ThrowsAsync<RunStreamBrokenException>(() => FakeTime.RunAsync(
            time, host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct).AsTask(), TimeSpan.FromSeconds(1)));

        // 7, 14, then capped at 20; no other timer of the client lasts a whole number of seconds from 7 to 20.
        var waits = time.Delays.Select(d => d.Due).Where(d => d >= TimeSpan.FromSeconds(7) && d <= TimeSpan.FromSeconds(20) && d.Ticks % TimeSpan.TicksPerSecond == 0);
        Assert.Equal([7, 14, 20, 20], waits.Select(d => (int)d.TotalSeconds));
        Assert.Equal(1 + 4, server.Requests.Count);
    }

    [Fact]
    public async Task A_silent_or_broken_stream_without_rejoins_left_is_a_RunStreamBrokenException_that_names_the_run_and_the_cause()
    {
        using var silent = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), connection.Stopping);
        });
        using var broken = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            connection.Reset();
        });
        using var quiet = Client(silent.Url, o => { o.StreamIdleTimeout = TimeSpan.FromSeconds(1); o.StreamReconnectAttempts = 0; });
        using var cut = Client(broken.Url, o => o.StreamReconnectAttempts = 0);

        var timeout = await Assert.ThrowsAsync<RunStreamBrokenException>(async () => await quiet.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct));
        var error = await Assert.ThrowsAsync<RunStreamBrokenException>(async () => await cut.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal("The stream sent nothing for 00:00:01.", Assert.IsType<TimeoutException>(timeout.InnerException).Message);
        Assert.Equal($"The stream of run {RunId} broke (The stream sent nothing for 00:00:01.) and reconnection is off.", timeout.Message);
        Assert.Equal((RunId.ToString(), null), (timeout.RunId, timeout.LastEventId));
        Assert.StartsWith($"The stream of run {RunId} broke (", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal((1, 1), (silent.Requests.Count, broken.Requests.Count));
    }

    [Fact]
    public async Task A_stream_that_keeps_breaking_fails_after_the_reconnect_attempts()
    {
        using var server = AlwaysBreakingServer();
        using var host = Client(server.Url, o => o.StreamReconnectAttempts = 2);

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(async () => await host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct));

        Assert.Contains("2 re-joins in a row failed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1 + 2, server.Requests.Count);
    }

    [Fact]
    public async Task An_error_event_ends_the_stream_with_RunFailedException()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("metadata", $$"""{"run_id":"{{RunId}}"}""", 0), ("error", """{"error":"Error","message":"boom"}""", 1)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url);
        var received = new List<ThreadRunEvent>();

        var ex = await Assert.ThrowsAsync<RunFailedException>(async () =>
        {
            await foreach (var e in host.Client.StreamThreadRunAsync(ThreadId, Quick, Ct))
            {
                received.Add(e);
            }
        });

        Assert.Equal("metadata", Assert.Single(received).Event);
        Assert.Equal(("Error", "boom"), (ex.ErrorName, ex.ServerMessage));
    }

    [Fact]
    public async Task A_healthy_stream_is_not_cut_by_the_total_timeout_and_events_arrive_one_by_one()
    {
        var released = new TaskCompletionSource();
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
            await released.Task.WaitAsync(connection.Stopping);   // the next event waits for the test to have read the first
            await Task.Delay(800, connection.Stopping);
            await connection.ChunkAsync(Sse(("values", """{"step":2}""", 2)));
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(400);
        });
        var steps = new List<int>();

        await foreach (var e in host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct))
        {
            steps.Add(e.Data.GetProperty("step").GetInt32());
            released.TrySetResult();
        }

        Assert.Equal([1, 2], steps);
        Assert.Single(Streams(server));
    }

    [Fact]
    public async Task Breaking_out_of_a_stream_closes_the_connection_at_once()
    {
        var closed = new TaskCompletionSource<bool>();
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(Sse(("values", """{"step":1}""", 1)));
            closed.TrySetResult(await connection.ClientClosedAsync(TimeSpan.FromSeconds(5)));
        });
        using var host = Client(server.Url);

        await foreach (var e in host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct))
        {
            break;
        }

        Assert.True(await closed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task An_event_over_the_size_limit_is_a_RunApiException()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync($"event: values\ndata: \"{new string('x', 4000)}\"\n\n");
            await connection.EndChunkedAsync();
        });
        using var host = Client(server.Url, o => o.MaxResponseContentBytes = 2048);

        var ex = await Assert.ThrowsAsync<RunApiException>(async () => await host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: Ct).ToListAsync(Ct));

        Assert.Contains("2048 bytes", ex.Message);
        Assert.Single(server.Requests);
    }

    private static Uri ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    private sealed class AttemptCounter : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// The requests that opened or re-joined a stream; a clean close also reads the run (is it over?), which these
    /// scripted servers answer with no run: taken as over.
    /// </summary>
    private static IEnumerable<ScriptedRequest> Streams(ScriptedHttpServer server)
        => server.Requests.Where(r => r.Method == "POST" || r.Target.EndsWith("/stream", StringComparison.Ordinal));
}

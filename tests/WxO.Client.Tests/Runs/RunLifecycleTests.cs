using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SharedSource;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>Start, stream, cancel and read the events of Orchestrate runs, on the wire.</summary>
public sealed class RunLifecycleTests : IDisposable
{
    private const string Runs = "/v1/orchestrate/runs";
    private const string Ids = """{"thread_id":"t-1","run_id":"r-1","task_id":"k-1","message_id":"m-1"}""";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static CreateRunRequest Hello => new() { Message = RunMessage.FromUser("Hello"), AgentId = "agent-7" };

    [Fact]
    public async Task Create_sends_the_body_IBMs_ADK_sends_and_returns_the_run_ids()
    {
        _server.Given(Request.Create().WithPath("/api" + Runs).UsingPost()).RespondWith(Response.Create().WithBody(Ids));
        using var wxo = new WxOTestClient(_server, basePath: "/api");

        var ids = await wxo.Client.CreateRunAsync(new CreateRunRequest
        {
            Message = RunMessage.FromUser("What is my PTO balance?"),
            AgentId = "agent-7",
            ThreadId = "t-0",
            CaptureLogs = false,
        }, Ct);

        Assert.Equal(("r-1", "t-1", "k-1", "m-1"), (ids.RunId, ids.ThreadId, ids.TaskId, ids.MessageId));
        Assert.Equal(new RunReference("r-1", "t-1"), ids.ToRunReference());
        var request = Assert.Single(_server.LogEntries);
        Assert.Equal("/api/v1/orchestrate/runs", request.RawPath());
        Assert.Equal("Bearer " + WxOTestClient.Token, request.Header("Authorization"));
        JsonAssert.Equivalent("""
            {"message":{"role":"user","content":"What is my PTO balance?"},"agent_id":"agent-7","thread_id":"t-0","capture_logs":false}
            """, request.RequestMessage!.Body!);
    }

    [Fact]
    public async Task Create_sends_run_options_and_extra_fields_as_given()
    {
        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithBody(Ids));
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.CreateRunAsync(Hello with
        {
            LlmParams = new TextGenerationParameters { MaxNewTokens = 256, StopSequences = ["END"] },
            Context = new JsonObject { ["wxo_user_name"] = "Ana" },
            AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["additional_parameters"] = System.Text.Json.JsonDocument.Parse("""{"x":1}""").RootElement,
            },
        }, Ct);

        JsonAssert.Equivalent("""
            {"message":{"role":"user","content":"Hello"},"agent_id":"agent-7","llm_params":{"max_new_tokens":256,"stop_sequences":["END"]},
             "context":{"wxo_user_name":"Ana"},"additional_parameters":{"x":1}}
            """, Assert.Single(_server.LogEntries).RequestMessage!.Body!);
    }

    public static TheoryData<Func<IWxORunsClient, Task>, string> BadInput() => new()
    {
        { c => c.CreateRunAsync(null!), "request" },
        { c => c.CreateRunAsync(new CreateRunRequest { Message = RunMessage.FromUser(" ") }), "Content is empty" },
        { c => c.CreateRunAsync(new CreateRunRequest { Message = new RunMessage { Role = "user", Content = new JsonArray() } }), "Content is empty" },
        { c => c.StreamRunAsync(new CreateRunRequest { Message = new RunMessage { Role = "user", Content = new JsonArray() } }).GetAsyncEnumerator().MoveNextAsync().AsTask(), "Content is empty" },
        { c => c.CreateRunAsync(new CreateRunRequest { Message = new RunMessage { Role = "", Content = JsonValue.Create("x") } }), "Role" },
        { c => c.CreateRunAsync(Hello with { AgentId = " " }), "AgentId" },
        { c => c.CreateRunAsync(Hello with { ThreadId = "" }), "ThreadId" },
        { c => c.StreamRunAsync(Hello with { AgentId = "" }).GetAsyncEnumerator().MoveNextAsync().AsTask(), "AgentId" },
        { c => c.CancelRunAsync(" "), "run id" },
        { c => c.GetRunEventsAsync(".."), "not a valid run id" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_an_ArgumentException_before_any_request(Func<IWxORunsClient, Task> call, string mentions)
    {
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(wxo.Client));

        Assert.Contains(mentions, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task A_create_is_not_retried_after_a_reset_mid_request_nor_after_a_5xx()
    {
        using var server = new ScriptedHttpServer((_, connection) =>
        {
            connection.Reset();
            return Task.CompletedTask;
        });
        using var wxo = new WxOTestClient(server.Url);

        await Assert.ThrowsAsync<HttpRequestException>(() => wxo.Client.CreateRunAsync(Hello, Ct));
        await Assert.ThrowsAsync<HttpRequestException>(async () => await wxo.Client.StreamRunAsync(Hello, Ct).ToListAsync(Ct));
        Assert.Equal(2, server.Requests.Count);

        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithStatusCode(502));
        using var wireMock = new WxOTestClient(_server);
        await Assert.ThrowsAsync<RunApiException>(() => wireMock.Client.CreateRunAsync(Hello, Ct));
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task A_create_that_cannot_connect_is_retried()
    {
        var attempts = 0;
        var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        // Added to the client's own builder, so it sits inside the retry and sees every attempt.
        using var host = new TestHost<IWxORunsClient>(s => s.AddWxOClient(o =>
            {
                o.BaseAddress = new Uri($"http://127.0.0.1:{port}");
                o.BearerToken = WxOTestClient.Token;
                TestHost<IWxORunsClient>.FastRetries(o);
            })
            .HttpClientBuilder.AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref attempts))));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.CreateRunAsync(Hello, Ct));

        Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
        Assert.Equal(1 + 3, attempts);
    }

    [Theory]
    [InlineData("""{"detail":"Agent with id 'agent-7' not found"}""", "agent")]
    [InlineData("""{"detail":"Thread t-9 does not exist"}""", "thread")]
    [InlineData("""{"detail":"Not Found"}""", null)]
    public async Task A_404_of_a_create_names_what_is_missing_and_is_never_a_missing_run(string body, string? resource)
    {
        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithStatusCode(404).WithBody(body));
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => wxo.Client.CreateRunAsync(Hello, Ct));

        Assert.Equal(resource, ex.ResourceType);
    }

    [Fact]
    public async Task Cancel_posts_to_the_cancel_path_and_returns_the_ids()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/cancel/r-1").UsingPost()).RespondWith(Response.Create().WithBody("""{"thread_id":"t-1","run_id":"r-1"}"""));
        using var wxo = new WxOTestClient(_server);

        var ids = await wxo.Client.CancelRunAsync("r-1", Ct);

        Assert.Equal(("r-1", "t-1"), (ids.RunId, ids.ThreadId));
        Assert.Equal($"{Runs}/cancel/r-1", Assert.Single(_server.LogEntries).RawPath());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Cancelling_a_run_that_already_ended_returns_its_ids(int status)
    {
        _server.Given(Request.Create().WithPath($"{Runs}/cancel/r-1").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"detail":"Run is already completed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody(Payloads.Run("r-1", "completed")));
        using var wxo = new WxOTestClient(_server);

        var ids = await wxo.Client.CancelRunAsync("r-1", Ct);

        Assert.Equal(("r-1", "7d1c2f8e-0000-4000-8000-000000000001"), (ids.RunId, ids.ThreadId));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]
    [InlineData(401)]
    public async Task A_cancel_refused_for_another_reason_is_that_error_without_a_look_at_the_run(int status)
    {
        _server.Given(Request.Create().WithPath($"{Runs}/cancel/r-1").UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"detail":"no"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody(Payloads.Run("r-1", "completed")));
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAnyAsync<RunApiException>(() => wxo.Client.CancelRunAsync("r-1", Ct));

        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal([$"POST {Runs}/cancel/r-1"], _server.LogEntries.Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage!.Path}"));
    }

    [Fact]
    public async Task A_refused_cancel_of_a_run_still_going_is_the_servers_error()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/cancel/r-1").UsingPost()).RespondWith(Response.Create().WithStatusCode(409).WithBody("""{"detail":"busy"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody(Payloads.Run("r-1", "running")));
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.CancelRunAsync("r-1", Ct));

        Assert.Equal((HttpStatusCode.Conflict, "busy"), (ex.StatusCode, ex.ServerMessage));
    }

    [Fact]
    public async Task Events_keep_unknown_event_names()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody("""
            [{"id":"e1","event":"run.started","data":{"run_id":"r-1"}},
             {"id":"e2","event":"message.delta","data":{"delta":{"content":[{"text":"Hi"}]}}},
             {"id":"e3","event":"agent.handoff","data":{}},
             {"id":"e4","event":"run.completed","data":{}}]
            """));
        using var wxo = new WxOTestClient(_server);

        var events = await wxo.Client.GetRunEventsAsync("r-1", Ct);

        Assert.Equal(["run.started", "message.delta", "agent.handoff", "run.completed"], events.Select(e => e.Event.Value));
        Assert.Equal(AssistantRunEventType.RunStarted, events[0].Event);
        Assert.Equal("agent.handoff", events[2].Event.ToString());
        Assert.Equal("Hi", events[1].Data.GetProperty("delta").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Null_events_in_the_list_are_skipped()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody("""
            [null,{"id":"e1","event":"run.started","data":{}},null,{"id":"e2","event":"run.completed","data":{}}]
            """));
        using var wxo = new WxOTestClient(_server);

        var events = await wxo.Client.GetRunEventsAsync("r-1", Ct);

        Assert.Equal(["e1", "e2"], events.Select(e => e.Id));
    }

    [Fact]
    public void A_list_without_nulls_is_handed_back_as_is()
    {
        IReadOnlyList<string> list = ["a", "b"];

        Assert.Same(list, list.WithoutNulls());
    }

    /// <summary>The three framings servers and clients use for the same events.</summary>
    public static TheoryData<string, string> Framings() => new()
    {
        {
            "text/event-stream",
            "data: {\"id\":\"1\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r-1\"}}\n\n"
            + "data: {\"id\":\"2\",\"event\":\"message.delta\",\"data\":{\"text\":\"Hi\"}}\n\n"
            + "data: {\"id\":\"3\",\"event\":\"run.completed\",\"data\":{}}\n\n"
        },
        {
            "text/event-stream",
            "event: run.started\nid: 1\ndata: {\"run_id\":\"r-1\"}\n\n"
            + "event: message.delta\nid: 2\ndata: {\"text\":\"Hi\"}\n\n"
            + "event: run.completed\nid: 3\ndata: {}\n\n"
        },
        {
            "application/x-ndjson",
            "{\"id\":\"1\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r-1\"}}\n"
            + "{\"id\":\"2\",\"event\":\"message.delta\",\"data\":{\"text\":\"Hi\"}}\n"
            + "{\"id\":\"3\",\"event\":\"run.completed\",\"data\":{}}\n"
        },
        {
            "application/json",
            "data: {\"id\":\"1\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r-1\"}}\n"
            + "data: {\"id\":\"2\",\"event\":\"message.delta\",\"data\":{\"text\":\"Hi\"}}\n"
            + "data: {\"id\":\"3\",\"event\":\"run.completed\",\"data\":{}}\n"
        },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task Stream_reads_every_framing_and_ends_at_run_completed(string contentType, string body)
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(contentType);
            await connection.ChunkAsync(body + "{\"event\":\"ignored.after.the.end\",\"data\":{}}\n\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);

        var events = await wxo.Client.StreamRunAsync(Hello, Ct).ToListAsync(Ct);

        Assert.Equal(["run.started", "message.delta", "run.completed"], events.Select(e => e.Event.Value));
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Id));
        Assert.Equal("Hi", events[1].Data.GetProperty("text").GetString());
        var post = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/orchestrate/runs/stream"), (post.Method, post.Target));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("run.completed")]
    [InlineData("run.cancelled")]
    [InlineData("Run.Expired")]
    public async Task Each_end_event_ends_the_stream(string end)
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync("application/x-ndjson");
            await connection.ChunkAsync($"{{\"event\":\"run.started\",\"data\":{{}}}}\n{{\"event\":\"{end}\",\"data\":{{}}}}\n{{\"event\":\"after.the.end\",\"data\":{{}}}}\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);

        var events = await wxo.Client.StreamRunAsync(Hello, Ct).ToListAsync(Ct);

        Assert.Equal(["run.started", end], events.Select(e => e.Event.Value));
    }

    [Fact]
    public async Task Stream_events_arrive_before_the_server_sends_the_last()
    {
        var firstRead = new TaskCompletionSource();
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync("application/x-ndjson");
            await connection.ChunkAsync("{\"event\":\"run.started\",\"data\":{}}\n");
            await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(10), connection.Stopping);   // nothing more until the client has the first
            await connection.ChunkAsync("{\"event\":\"done\",\"data\":{}}\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);
        var names = new List<string>();

        await foreach (var e in wxo.Client.StreamRunAsync(Hello, Ct))
        {
            names.Add(e.Event.Value);
            firstRead.TrySetResult();
        }

        Assert.Equal(["run.started", "done"], names);
    }

    [Fact]
    public async Task Run_failed_ends_the_stream_with_RunFailedException()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync("event: run.started\ndata: {\"run_id\":\"r-1\"}\n\nevent: run.failed\ndata: {\"run_id\":\"r-1\",\"error\":{\"message\":\"Tool 'create_ticket' returned 500\"}}\n\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<RunFailedException>(async () =>
        {
            await foreach (var e in wxo.Client.StreamRunAsync(Hello, Ct))
            {
                seen.Add(e.Event.Value);
            }
        });

        Assert.Equal(["run.started"], seen);
        Assert.Equal(("r-1", "Tool 'create_ticket' returned 500"), (ex.RunId, ex.ServerMessage));
        Assert.Equal("POST /v1/orchestrate/runs/stream: the run r-1 failed: Tool 'create_ticket' returned 500", ex.Message);
    }

    [Theory]
    // The error text: "error" (text, or an object's "message", or other JSON as it is), else "last_error", else "message".
    [InlineData("\"error\":\"E\",\"last_error\":\"L\",\"message\":\"M\"", "E")]
    [InlineData("\"error\":{\"message\":\"inner\"},\"last_error\":\"L\"", "inner")]
    [InlineData("\"error\":{\"code\":7},\"last_error\":\"L\"", "{\"code\":7}")]
    [InlineData("\"error\":{\"message\":7}", "{\"message\":7}")]
    [InlineData("\"error\":null,\"last_error\":\"L\",\"message\":\"M\"", "L")]
    [InlineData("\"message\":\"M\"", "M")]
    public async Task A_run_failed_events_error_text_is_found_where_deployments_put_it(string fields, string expected)
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync($"event: run.failed\ndata: {{\"run_id\":\"r-1\",{fields}}}\n\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);

        var ex = await Assert.ThrowsAsync<RunFailedException>(async () =>
        {
            await foreach (var _ in wxo.Client.StreamRunAsync(Hello, Ct))
            {
            }
        });

        Assert.Equal(expected, ex.ServerMessage);
    }

    [Fact]
    public async Task A_wrapped_event_takes_its_inner_id_only_when_it_is_text()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(
                "id: outer-1\ndata: {\"id\":\"inner-1\",\"event\":\"run.step.delta\",\"data\":{\"n\":1}}\n\n"
                + "id: outer-2\ndata: {\"id\":2,\"event\":\"run.step.delta\",\"data\":{\"n\":2}}\n\n"
                + "data: {\"event\":\"done\",\"data\":{}}\n\n");
            await connection.EndChunkedAsync();
        });
        using var wxo = new WxOTestClient(server.Url);
        var seen = new List<string>();

        await foreach (var e in wxo.Client.StreamRunAsync(Hello, Ct))
        {
            seen.Add($"{e.Id} {e.Event} {e.Data.GetRawText()}");
        }

        Assert.Equal(["inner-1 run.step.delta {\"n\":1}", "outer-2 run.step.delta {\"n\":2}", "outer-2 done {}"], seen);
    }

    [Fact]
    public async Task Create_then_wait_follows_the_run_to_completed()
    {
        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithBody(Ids));
        _server.GivenSequence($"{Runs}/r-1",
            Response.Create().WithBody(Payloads.Run("r-1", "pending")),
            Response.Create().WithBody(Payloads.Run("r-1", "running")),
            Response.Create().WithBody(Payloads.Run("r-1", "completed")));
        using var wxo = new WxOTestClient(_server);
        IRunSource source = wxo.Client;

        var ids = await wxo.Client.CreateRunAsync(Hello, Ct);
        var final = await source.WaitForCompletionAsync(ids.ToRunReference(),
            new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20) }, Ct);

        Assert.Equal((RunState.Succeeded, "completed"), (final.State, final.RawStatus));
        Assert.Equal(1 + 3, _server.LogEntries.Count());
    }

    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}

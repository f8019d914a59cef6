using System.Net;
using LangGraph.Client.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

public sealed class WireMockThreadRunTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private static readonly string RunPath = $"/threads/{ThreadId}/runs/{RunId}";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private TestHost<ILangGraphRunsClient> Client(Action<LangGraphClientOptions>? configure = null)
        => LangGraphTestClient.Create(new Uri(_server.Url!), configure);

    private void Answer(int status, string body, string contentType = "application/json")
        => _server.Given(Request.Create().WithPath(RunPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    [Fact]
    public async Task Reads_a_run_with_every_field()
    {
        Answer(200, LangGraphTestClient.Run(ThreadId, RunId));
        using var host = Client();

        var run = await host.Client.GetThreadRunAsync(ThreadId, RunId);

        Assert.Equal(RunId, run.RunId);
        Assert.Equal(ThreadId, run.ThreadId);
        Assert.Equal(Guid.Parse("fe096781-5601-53d2-b2f6-0d3403f7e9ca"), run.AssistantId);
        Assert.Equal(ThreadRunStatus.Success, run.Status);
        Assert.Equal(MultitaskStrategy.Reject, run.MultitaskStrategy);
        Assert.Equal("agent", run.Metadata!["graph_id"].GetString());
        Assert.Equal("quick", run.Kwargs!["input"].GetProperty("mode").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 15, 43, 191, TimeSpan.Zero), run.CreatedAt);
        Assert.Equal(RunPath, Assert.Single(_server.LogEntries).RawPath());
    }

    [Fact]
    public async Task Python_server_shapes_are_tolerated()
    {
        // Microseconds and a local offset, no kwargs, and a field this client does not know yet.
        Answer(200, $$"""
            {"run_id":"{{RunId}}","thread_id":"{{ThreadId}}","assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca",
             "created_at":"2026-11-23T10:15:43.123456+08:00","updated_at":"2026-11-23T10:15:44.000001+08:00",
             "status":"running","metadata":{},"multitask_strategy":"enqueue","langsmith_session_name":"s-1","a_field_from_the_future":1}
            """);
        using var host = Client();

        var run = await host.Client.GetThreadRunAsync(ThreadId, RunId);

        Assert.Equal(TimeSpan.FromHours(8), run.CreatedAt!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 15, 43, TimeSpan.Zero).AddTicks(1234560), run.CreatedAt.Value.ToUniversalTime());
        Assert.Null(run.Kwargs);
        Assert.Equal(MultitaskStrategy.Enqueue, run.MultitaskStrategy);
        Assert.Equal("s-1", run.LangSmithSessionName);
        Assert.Equal(1, run.AdditionalProperties!["a_field_from_the_future"].GetInt32());
    }

    [Theory]
    [InlineData(404, """{"detail":"Thread or run not found"}""", "application/json", typeof(RunNotFoundException), "Thread or run not found")]
    [InlineData(404, "Run not found", "text/plain;charset=UTF-8", typeof(RunNotFoundException), "Run not found")]
    [InlineData(400, """{"success":false,"error":{"issues":[{"validation":"uuid","code":"invalid_string","message":"Invalid uuid","path":["run_id"]}],"name":"ZodError"}}""", "application/json", typeof(RunValidationException), "run_id: Invalid uuid")]
    [InlineData(422, """{"detail":[{"loc":["path","run_id"],"msg":"Input should be a valid UUID","type":"uuid_parsing"}]}""", "application/json", typeof(RunValidationException), "path.run_id: Input should be a valid UUID")]
    [InlineData(409, "\"Thread is busy\"", "application/json", typeof(RunApiException), "Thread is busy")]
    [InlineData(403, """{"error":{"message":"Invalid API key"}}""", "application/json", typeof(RunAuthenticationException), "Invalid API key")]
    public async Task Errors_go_through_the_shared_error_model(int status, string body, string contentType, Type expected, string message)
    {
        Answer(status, body, contentType);
        using var host = Client();

        var ex = await Assert.ThrowsAnyAsync<RunApiException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId));

        Assert.IsType(expected, ex);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(message, ex.ServerMessage);
        Assert.Contains(message, ex.Message);
        Assert.Equal(RunPath, ex.RequestPath);
        Assert.Single(_server.LogEntries);   // none of these is retried
    }

    [Theory]
    [InlineData("Thread with ID 877564c6-8cb2-4c73-a954-feb76656667e not found", "thread")]
    [InlineData("{\"detail\":\"Thread not found\"}", "thread")]
    [InlineData("No assistant found for \"nope\". Make sure the assistant ID is for a valid assistant or a valid graph ID.", "assistant")]
    [InlineData("", "run")]
    public async Task A_404_names_what_is_missing_and_only_a_missing_run_is_RunNotFoundException(string body, string resource)
    {
        Answer(404, body, body.StartsWith('{') ? "application/json" : "text/plain;charset=UTF-8");
        using var host = Client();

        var ex = await Assert.ThrowsAnyAsync<ResourceNotFoundException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId));

        Assert.Equal(resource, ex.ResourceType);
        Assert.Equal(resource == "run", ex is RunNotFoundException);
    }

    [Fact]
    public async Task FastApi_422_errors_are_typed()
    {
        Answer(422, """{"detail":[{"loc":["path","run_id"],"msg":"Input should be a valid UUID","type":"uuid_parsing"}]}""");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunValidationException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(["path", "run_id"], error.Location);
        Assert.Equal("uuid_parsing", error.Type);
    }

    [Fact]
    public async Task Zod_issues_are_typed_errors()
    {
        // The Zod reading moved out of the vendor-neutral core into this package's error parser; the message is
        // asserted by Errors_go_through_the_shared_error_model, the typed list here.
        Answer(400, """{"success":false,"error":{"issues":[{"code":"invalid_string","validation":"uuid","message":"Invalid uuid","path":["run_id"]},{"code":"custom","message":"Bad"}],"name":"ZodError"}}""");
        using var host = Client();

        var ex = await Assert.ThrowsAsync<RunValidationException>(() => host.Client.GetThreadRunAsync(ThreadId, RunId));

        Assert.Equal("run_id: Invalid uuid; Bad", ex.ServerMessage);
        Assert.Collection(ex.Errors,
            e => { Assert.Equal(["run_id"], e.Location); Assert.Equal("Invalid uuid", e.Message); Assert.Equal("invalid_string", e.Type); },
            e => { Assert.Empty(e.Location); Assert.Equal("Bad", e.Message); Assert.Equal("custom", e.Type); });
    }

    [Fact]
    public async Task Transient_503_is_retried()
    {
        _server.GivenSequence(RunPath, Response.Create().WithStatusCode(503), Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId)));
        using var host = Client();

        var run = await host.Client.GetThreadRunAsync(ThreadId, RunId);

        Assert.Equal(RunId, run.RunId);
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task Api_key_is_sent_exactly_as_x_api_key_and_no_bearer_without_token()
    {
        Answer(200, LangGraphTestClient.Run(ThreadId, RunId));
        using var host = Client(o => o.ApiKey = "lsv2_pt_test_key");

        await host.Client.GetThreadRunAsync(ThreadId, RunId);

        var entry = Assert.Single(_server.LogEntries);
        Assert.Equal("lsv2_pt_test_key", entry.Header("x-api-key"));
        Assert.False(entry.RequestMessage!.Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Bearer_token_for_custom_auth_servers()
    {
        Answer(200, LangGraphTestClient.Run(ThreadId, RunId));
        using var host = Client(o => o.BearerToken = "self-hosted-token");

        await host.Client.GetThreadRunAsync(ThreadId, RunId);

        var entry = Assert.Single(_server.LogEntries);
        Assert.Equal("Bearer self-hosted-token", entry.Header("Authorization"));
        Assert.False(entry.RequestMessage!.Headers!.ContainsKey("x-api-key"));
    }

    [Theory]
    [InlineData("pending", RunState.Pending, false)]
    [InlineData("running", RunState.Running, false)]
    [InlineData("success", RunState.Succeeded, true)]
    [InlineData("error", RunState.Failed, true)]
    [InlineData("interrupted", RunState.Interrupted, true)]
    [InlineData("timeout", RunState.TimedOut, true)]
    [InlineData("Success", RunState.Succeeded, true)]
    [InlineData("queued", RunState.Unknown, false)]
    public async Task Snapshot_maps_status_and_keeps_the_raw_value(string status, RunState state, bool terminal)
    {
        Answer(200, LangGraphTestClient.Run(ThreadId, RunId, status));
        using var host = Client();

        var snapshot = await host.Client.GetRunSnapshotAsync(new RunReference(RunId.ToString(), ThreadId.ToString()));

        Assert.Equal("langgraph", snapshot.Source);
        Assert.Equal(status, snapshot.RawStatus);
        Assert.Equal(state, snapshot.State);
        Assert.Equal(terminal, snapshot.IsTerminal);
        Assert.Equal(ThreadId.ToString(), snapshot.ThreadId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:15:45.5Z"), snapshot.UpdatedAt);
    }

    [Fact]
    public async Task Bad_references_fail_before_any_request()
    {
        using var host = Client();
        var c = host.Client;

        var missingThread = await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunSnapshotAsync(new RunReference(RunId.ToString())));
        Assert.Contains("ThreadId", missingThread.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunSnapshotAsync(new RunReference(RunId.ToString(), "not-a-guid")));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunSnapshotAsync(new RunReference("../admin", ThreadId.ToString())));
        await Assert.ThrowsAsync<ArgumentNullException>(() => c.GetRunSnapshotAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetThreadRunAsync(Guid.Empty, RunId));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetThreadRunAsync(ThreadId, Guid.Empty));

        Assert.Empty(_server.LogEntries);
    }
}

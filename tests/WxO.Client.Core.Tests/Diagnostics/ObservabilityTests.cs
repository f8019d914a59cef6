using WxO.Client.Tests;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Diagnostics;

/// <summary>Spans, metrics and logs are process-wide, so these tests run alone and their counts are exact.</summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityCollection;

[Collection(nameof(ObservabilityTests))]
public sealed class ObservabilityTests : IDisposable
{
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private static readonly ActivitySource Consumer = new("WxO.Client.Tests.Consumer");
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private void Answer(string path, int status, string body)
        => _server.Given(Request.Create().WithPath(path)).RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    [Fact]
    public async Task One_client_span_per_call_with_semantic_attributes_and_HttpClient_children()
    {
        Answer(RunPath, 200, Payloads.Run("r1"));
        using var spans = new ActivityRecorder("WxO.Client", "System.Net.Http");
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.GetRunAsync("r1");

        var span = Assert.Single(spans.From("WxO.Client"));
        Assert.Equal("GetRun", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("localhost", span.GetTagItem("server.address"));
        Assert.Equal(_server.Port, span.GetTagItem("server.port"));
        Assert.Equal("GET", span.GetTagItem("http.request.method"));
        Assert.Equal("/v1/orchestrate/runs/{run_id}", span.GetTagItem("url.template"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("r1", span.GetTagItem("wxo.run.id"));
        Assert.Null(span.GetTagItem("error.type"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        var http = Assert.Single(spans.From("System.Net.Http"));
        Assert.Equal(span.SpanId, http.ParentSpanId);
    }

    [Fact]
    public async Task A_404_span_has_error_status_and_type()
    {
        Answer(RunPath, 404, """{"detail":"Run not found"}""");
        using var spans = new ActivityRecorder("WxO.Client");
        using var wxo = new WxOTestClient(_server);

        await Assert.ThrowsAsync<RunNotFoundException>(() => wxo.Client.GetRunAsync("r1"));

        var span = Assert.Single(spans.Stopped);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("404", span.GetTagItem("error.type"));
        Assert.Equal(404, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task A_wait_that_ends_in_a_404_is_an_error_span_with_its_error_type()
    {
        Answer(RunPath, 404, """{"detail":"Run not found"}""");
        using var spans = new ActivityRecorder("WxO.Client");
        using var polls = new MetricCollector<int>(null, "WxO.Client", "wxo.client.wait.polls");
        using var wxo = new WxOTestClient(_server);

        await Assert.ThrowsAsync<RunNotFoundException>(() => wxo.Client.WaitForCompletionAsync(new RunReference("r1")));

        // "404" parses as a RunState number: the outcome must not be read back from the string.
        var wait = Assert.Single(spans.Stopped, s => s.DisplayName == "WaitForCompletion");
        Assert.Equal(ActivityStatusCode.Error, wait.Status);
        Assert.Equal("404", wait.GetTagItem("error.type"));
        Assert.Null(wait.GetTagItem("wxo.run.state"));
        Assert.Equal("404", Assert.Single(polls.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task List_and_wait_have_their_own_spans_and_polls_are_children_of_the_wait()
    {
        Answer("/v1/orchestrate/runs", 200, Payloads.Page(["r1"], 1, 10, 0));
        _server.GivenSequence(RunPath, Response.Create().WithBody(Payloads.Run("r1", "running")), Response.Create().WithBody(Payloads.Run("r1", "completed")));
        using var spans = new ActivityRecorder("WxO.Client", Consumer.Name);
        using var polls = new MetricCollector<int>(null, "WxO.Client", "wxo.client.wait.polls");
        var logs = new FakeLogCollector();
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.ListRunsAsync(limit: 10);
        RunSnapshot final;
        using (Consumer.StartActivity("HandleRequest"))
        {
            // The caller's own span is current between polls: each poll must still be the wait's child.
            final = await wxo.Client.WaitForCompletionAsync(new RunReference("r1"), new RunPollingOptions
            {
                InitialDelay = TimeSpan.FromMilliseconds(10),
                Logger = new FakeLogger(logs),
            });
        }

        Assert.Equal(RunState.Succeeded, final.State);
        var ours = spans.From("WxO.Client");
        Assert.Equal(["ListRuns", "GetRun", "GetRun", "WaitForCompletion"], ours.Select(s => s.DisplayName));
        var wait = ours[^1];
        Assert.Equal(Assert.Single(spans.From(Consumer.Name)).SpanId, wait.ParentSpanId);
        Assert.All(ours.Where(s => s.DisplayName == "GetRun"), s => Assert.Equal(wait.SpanId, s.ParentSpanId));
        Assert.Equal(
            ["wxo.run.source=wxo", "wxo.run.id=r1", "wxo.wait.polls=2", "wxo.run.state=Succeeded"],
            wait.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        Assert.Equal(ActivityStatusCode.Ok, wait.Status);
        var measurement = Assert.Single(polls.GetMeasurementSnapshot());
        Assert.Equal(2, measurement.Value);
        Assert.Equal(["wxo.run.source=wxo", "outcome=Succeeded"], measurement.Tags.Select(t => $"{t.Key}={t.Value}"));
        var ended = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Information, ended.Level);
        Assert.Contains("ended Succeeded after 2 polls", ended.Message);
    }

    [Fact]
    public async Task A_watch_the_caller_stops_early_is_recorded_as_abandoned()
    {
        Answer(RunPath, 200, Payloads.Run("r1", "running"));
        using var spans = new ActivityRecorder("WxO.Client");
        using var polls = new MetricCollector<int>(null, "WxO.Client", "wxo.client.wait.polls");
        using var wxo = new WxOTestClient(_server);

        await foreach (var _ in wxo.Client.WatchAsync(new RunReference("r1")))
        {
            break;
        }

        var wait = Assert.Single(spans.Stopped, s => s.DisplayName == "WaitForCompletion");
        Assert.Equal(("Abandoned", ActivityStatusCode.Ok), (wait.GetTagItem("wxo.run.state"), wait.Status));
        Assert.Equal("Abandoned", Assert.Single(polls.GetMeasurementSnapshot()).Tags["outcome"]);
    }

    [Fact]
    public async Task Duration_and_retry_instruments_move()
    {
        _server.GivenSequence(RunPath, Response.Create().WithStatusCode(503), Response.Create().WithBody(Payloads.Run("r1")));
        using var duration = new MetricCollector<double>(null, "WxO.Client", "wxo.client.request.duration");
        using var retries = new MetricCollector<long>(null, "WxO.Client", "wxo.client.request.retries");
        Answer("/v1/orchestrate/runs/gone", 404, """{"detail":"Run not found"}""");
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.GetRunAsync("r1");
        await Assert.ThrowsAsync<RunNotFoundException>(() => wxo.Client.GetRunAsync("gone"));

        var host = new Uri(_server.Url!).Host;
        var d = duration.GetMeasurementSnapshot();
        Assert.Equal(2, d.Count);
        Assert.InRange(d[0].Value, 0, 30);
        Assert.Equal(
            ["operation=GetRun", "outcome=success", $"server.address={host}", "http.response.status_code=200"],
            d[0].Tags.Select(t => $"{t.Key}={t.Value}"));
        Assert.Equal(
            ["operation=GetRun", "outcome=failure", $"server.address={host}", "http.response.status_code=404", "error.type=404"],
            d[1].Tags.Select(t => $"{t.Key}={t.Value}"));
        var r = Assert.Single(retries.GetMeasurementSnapshot());
        Assert.Equal(1, r.Value);
        Assert.Equal("503", r.Tags["error.type"]);
        Assert.Equal(host, r.Tags["server.address"]);
    }

    [Fact]
    public async Task At_Information_a_successful_call_logs_nothing_and_a_call_that_finally_fails_one_Warning()
    {
        _server.GivenSequence(RunPath, Response.Create().WithStatusCode(503), Response.Create().WithBody(Payloads.Run("r1")));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/down")).RespondWith(Response.Create().WithStatusCode(500));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/gone")).RespondWith(Response.Create().WithStatusCode(404));
        using var wxo = new WxOTestClient(_server, services: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Information).AddFakeLogging()));
        var logs = wxo.Services.GetFakeLogCollector();

        await wxo.Client.GetRunAsync("r1");   // retried once, then fine
        Assert.Empty(logs.GetSnapshot());     // nothing from Polly ("Resilience pipeline executed") or from the client

        await Assert.ThrowsAsync<RunNotFoundException>(() => wxo.Client.GetRunAsync("gone"));
        Assert.Empty(logs.GetSnapshot());     // an answer about the request: the caller has it

        await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("down"));
        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(typeof(WxORunsClient).FullName, warning.Category);
        Assert.Matches(@"^GetRun: GET /v1/orchestrate/runs/\{run_id\} failed \(500\) in \d+(\.\d)? ms$", warning.Message);
    }

    [Fact]
    public async Task A_stream_is_one_span_that_ends_with_the_stream_ok_or_with_its_error()
    {
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync(request.Index == 0
                ? "event: run.completed\ndata: {\"run_id\":\"r-1\"}\n\n"
                : "event: run.failed\ndata: {\"run_id\":\"r-2\",\"error\":\"boom\"}\n\n");
            await connection.EndChunkedAsync();
        });
        using var spans = new ActivityRecorder("WxO.Client");
        using var wxo = new WxOTestClient(server.Url);
        var request = new WxO.Client.Models.CreateRunRequest { Message = WxO.Client.Models.RunMessage.FromUser("hi") };

        await foreach (var _ in wxo.Client.StreamRunAsync(request))
        {
        }

        await Assert.ThrowsAsync<RunFailedException>(async () =>
        {
            await foreach (var _ in wxo.Client.StreamRunAsync(request))
            {
            }
        });

        Assert.Equal(
            ["StreamRun Unset 200 -", "StreamRun Error 200 WxO.Client.RunFailedException"],
            spans.Stopped.Select(s => $"{s.DisplayName} {s.Status} {s.GetTagItem("http.response.status_code")} {s.GetTagItem("error.type") ?? "-"}"));
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_is_logged_at_Debug_with_its_exception_type()
    {
        // A loopback port nobody listens on: the connection is refused.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var wxo = new WxOTestClient(
            new Uri($"http://127.0.0.1:{port}"),
            o => o.Resilience.MaxRetryAttempts = 0,
            s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddFakeLogging()));
        var logs = wxo.Services.GetFakeLogCollector();

        await Assert.ThrowsAsync<HttpRequestException>(() => wxo.Client.GetRunAsync("r1"));

        var attempt = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 102);
        Assert.Equal((LogLevel.Debug, "WxO.Client.Http"), (attempt.Level, attempt.Category));
        Assert.Matches(@"^GET /v1/orchestrate/runs/r1 failed \(System\.Net\.Http\.HttpRequestException\) in \d+(\.\d)? ms$", attempt.Message);
    }

    [Fact]
    public async Task Trace_logs_have_the_request_line_no_warning_for_a_retried_error_and_no_secret()
    {
        _server.GivenSequence(RunPath, Response.Create().WithStatusCode(503), Response.Create().WithBody(Payloads.Run("r1")));
        using var wxo = new WxOTestClient(_server, services: s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging()));
        var logs = wxo.Services.GetFakeLogCollector();

        await wxo.Client.GetRunAsync("r1");

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Trace && Regex.IsMatch(r.Message, @"^GET /v1/orchestrate/runs/r1 answered 503 in [\d.]+ ms$"));
        var retry = Assert.Single(records, r => r.Message.StartsWith("Retrying", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Debug, "WxO.Client.Http"), (retry.Level, retry.Category));
        Assert.Matches(@"^Retrying GET after 503: retry 1 in \d+ ms$", retry.Message);
        var request = Assert.Single(records, r => r.Category == typeof(WxORunsClient).FullName);
        Assert.Equal(LogLevel.Debug, request.Level);
        Assert.Matches(@"^GetRun: GET /v1/orchestrate/runs/\{run_id\} answered 200 in \d+(\.\d)? ms$", request.Message);
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Warning);
        // The structured state too: sinks such as JSON or OpenTelemetry export it, not just the message text.
        Assert.DoesNotContain(records, r => (r.Message + string.Join(",", r.StructuredState ?? [])).Contains(WxOTestClient.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task User_agent_names_the_sdk_runtime_and_os_and_can_lead_with_an_application_id()
    {
        Answer(RunPath, 200, Payloads.Run("r1"));
        using (var plain = new WxOTestClient(_server))
        {
            await plain.Client.GetRunAsync("r1");
        }

        using (var named = new WxOTestClient(_server, o => o.ApplicationId = "ticket-bot/2.1"))
        {
            await named.Client.GetRunAsync("r1");
        }

        using (var silent = new WxOTestClient(_server, o => o.SendUserAgent = false))
        {
            await silent.Client.GetRunAsync("r1");
        }

        var entries = _server.LogEntries.ToList();
        const string sdk = @"WxO\.Client/\d+\.\d+\.\d+\S* \(\.NET \d+\.\d+\.\d+[^;()]*; [a-z0-9.-]+\)";
        Assert.Matches($"^{sdk}$", entries[0].Header("User-Agent"));
        Assert.Matches($"^ticket-bot/2\\.1 {sdk}$", entries[1].Header("User-Agent"));
        Assert.False(entries[2].RequestMessage!.Headers!.ContainsKey("User-Agent"));
    }

    [Theory]
    [InlineData("an-application-id-that-is-too-long")]
    [InlineData("two words")]
    public async Task A_bad_application_id_fails_at_startup(string applicationId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri("https://api.dl.watson-orchestrate.ibm.com/instances/x");
            o.BearerToken = "t";
            o.ApplicationId = applicationId;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("WxO:ApplicationId", ex.Message);
        Assert.Contains("24 characters", ex.Message);
    }
}

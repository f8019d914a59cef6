using LangGraph.Client.Models;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Spans and metrics are process-wide, so these tests run alone and their counts are exact.</summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityCollection;

[Collection(nameof(ObservabilityTests))]
public sealed class ObservabilityTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task GetThreadRun_has_one_span_a_duration_and_logs_without_the_api_key()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}"))
            .RespondWith(Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId)));
        using var spans = new ActivityRecorder("LangGraph.Client");
        using var duration = new MetricCollector<double>(null, "LangGraph.Client", "langgraph.client.request.duration");
        using var host = new TestHost<ILangGraphRunsClient>(s => s
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddLangGraphClient(o =>
            {
                o.BaseAddress = new Uri(_server.Url!);
                o.ApiKey = "lsv2_pt_secret_key";
                o.ReadApiKeyFromEnvironment = false;
            }));

        await host.Client.GetThreadRunAsync(ThreadId, RunId);

        var span = Assert.Single(spans.Stopped);
        Assert.Equal("GetThreadRun", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("/threads/{thread_id}/runs/{run_id}", span.GetTagItem("url.template"));
        Assert.Equal(RunId.ToString(), span.GetTagItem("langgraph.run.id"));
        Assert.Equal(ThreadId.ToString(), span.GetTagItem("langgraph.thread.id"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("GetThreadRun", Assert.Single(duration.GetMeasurementSnapshot()).Tags["operation"]);
        var records = host.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Message.StartsWith("GetThreadRun: GET /threads/{thread_id}/runs/{run_id} answered 200", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => (r.Message + string.Join(",", r.StructuredState ?? [])).Contains("lsv2_pt_secret_key", StringComparison.Ordinal));
        Assert.StartsWith("LangGraph.Client/", Assert.Single(_server.LogEntries).Header("User-Agent"));
    }

    [Fact]
    public async Task Every_operation_has_its_span_name_method_and_url_template()
    {
        // Nothing answers but 404: each call fails at once, after its span recorded what it is.
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId)));
        using var spans = new ActivityRecorder("LangGraph.Client");
        using var host = new TestHost<ILangGraphRunsClient>(s => s.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri(_server.Url!);
            o.ReadApiKeyFromEnvironment = false;
            o.Resilience.MaxRetryAttempts = 0;
        }));
        var c = host.Client;
        var request = new LangGraph.Client.Models.ThreadRunRequest { AssistantId = "agent" };
        Func<Task>[] calls =
        [
            () => c.GetThreadRunAsync(ThreadId, RunId),
            () => c.ListThreadRunsAsync(ThreadId),
            () => c.CreateThreadRunAsync(ThreadId, request),
            async () => await c.StreamThreadRunAsync(ThreadId, request).GetAsyncEnumerator().MoveNextAsync(),
            () => c.CreateThreadRunAndWaitAsync(ThreadId, request),
            () => c.JoinThreadRunAsync(ThreadId, RunId),
            async () => await c.JoinThreadRunStreamAsync(ThreadId, RunId).GetAsyncEnumerator().MoveNextAsync(),
            () => c.CancelThreadRunAsync(ThreadId, RunId),
            () => c.DeleteThreadRunAsync(ThreadId, RunId),
            () => c.CreateThreadAsync(),
            () => c.GetThreadAsync(ThreadId),
            // A successful run's snapshot looks at the thread's state.
            () => ((IRunSource)c).GetRunSnapshotAsync(new RunReference(RunId.ToString(), ThreadId.ToString())),
            () => c.GetThreadStateAsync(ThreadId, new ThreadCheckpoint { CheckpointId = "c" }),
            () => c.UpdateThreadStateAsync(ThreadId, new ThreadStateUpdate { AsNode = "n" }),
            () => c.GetThreadHistoryAsync(ThreadId),
            () => c.CopyThreadAsync(ThreadId),
            () => c.SearchThreadsAsync(),
            () => c.CountThreadsAsync(),
            () => c.UpdateThreadAsync(ThreadId, []),
            () => c.DeleteThreadAsync(ThreadId),
            () => c.CreateRunAsync(request),
            async () => await c.StreamRunAsync(request).GetAsyncEnumerator().MoveNextAsync(),
            () => c.CreateRunAndWaitAsync(request),
            () => c.CreateRunsAsync([request]),
            () => c.CancelRunsAsync(RunsCancelStatus.Pending),
            () => c.CreateThreadCronAsync(ThreadId, new CronRequest { Schedule = "* * * * *", AssistantId = "agent" }),
            () => c.CreateCronAsync(new CronRequest { Schedule = "* * * * *", AssistantId = "agent" }),
            () => c.SearchCronsAsync(),
            () => c.CountCronsAsync(),
            () => c.UpdateCronAsync(RunId, new CronUpdate { Enabled = false }),
            () => c.DeleteCronAsync(RunId),
            () => c.SearchAssistantsAsync(),
            () => c.CountAssistantsAsync(),
            () => c.GetAssistantAsync("agent"),
            () => c.GetAssistantGraphAsync("agent"),
            () => c.GetAssistantSchemasAsync("agent"),
            () => c.GetAssistantSubgraphsAsync("agent"),
            () => c.GetAssistantVersionsAsync("agent"),
            () => c.SetLatestAssistantVersionAsync("agent", 1),
            () => c.CreateAssistantAsync(new AssistantRequest { GraphId = "agent" }),
            () => c.UpdateAssistantAsync("agent", new AssistantUpdate { Name = "a" }),
            () => c.DeleteAssistantAsync("agent"),
        ];
        foreach (var call in calls)
        {
            await Record.ExceptionAsync(call);
        }

        Assert.Equal(
            [
                "GetThreadRun GET /threads/{thread_id}/runs/{run_id}",
                "ListThreadRuns GET /threads/{thread_id}/runs",
                "CreateThreadRun POST /threads/{thread_id}/runs",
                "StreamThreadRun POST /threads/{thread_id}/runs/stream",
                "CreateThreadRunAndWait POST /threads/{thread_id}/runs/wait",
                "JoinThreadRun GET /threads/{thread_id}/runs/{run_id}/join",
                "JoinThreadRunStream GET /threads/{thread_id}/runs/{run_id}/stream",
                "CancelThreadRun POST /threads/{thread_id}/runs/{run_id}/cancel",
                "DeleteThreadRun DELETE /threads/{thread_id}/runs/{run_id}",
                "CreateThread POST /threads",
                "GetThread GET /threads/{thread_id}",
                "GetThreadRun GET /threads/{thread_id}/runs/{run_id}",
                "GetThreadState GET /threads/{thread_id}/state",
                "GetThreadStateAtCheckpoint POST /threads/{thread_id}/state/checkpoint",
                "UpdateThreadState POST /threads/{thread_id}/state",
                "GetThreadHistory POST /threads/{thread_id}/history",
                "CopyThread POST /threads/{thread_id}/copy",
                "SearchThreads POST /threads/search",
                "CountThreads POST /threads/count",
                "UpdateThread PATCH /threads/{thread_id}",
                "DeleteThread DELETE /threads/{thread_id}",
                "CreateRun POST /runs",
                "StreamRun POST /runs/stream",
                "CreateRunAndWait POST /runs/wait",
                "CreateRuns POST /runs/batch",
                "CancelRuns POST /runs/cancel",
                "CreateThreadCron POST /threads/{thread_id}/runs/crons",
                "CreateCron POST /runs/crons",
                "SearchCrons POST /runs/crons/search",
                "CountCrons POST /runs/crons/count",
                "UpdateCron PATCH /runs/crons/{cron_id}",
                "DeleteCron DELETE /runs/crons/{cron_id}",
                "SearchAssistants POST /assistants/search",
                "CountAssistants POST /assistants/count",
                "GetAssistant GET /assistants/{assistant_id}",
                "GetAssistantGraph GET /assistants/{assistant_id}/graph",
                "GetAssistantSchemas GET /assistants/{assistant_id}/schemas",
                "GetAssistantSubgraphs GET /assistants/{assistant_id}/subgraphs",
                "GetAssistantVersions POST /assistants/{assistant_id}/versions",
                "SetLatestAssistantVersion POST /assistants/{assistant_id}/latest",
                "CreateAssistant POST /assistants",
                "UpdateAssistant PATCH /assistants/{assistant_id}",
                "DeleteAssistant DELETE /assistants/{assistant_id}",
            ],
            spans.Stopped.Select(s => $"{s.DisplayName} {s.GetTagItem("http.request.method")} {s.GetTagItem("url.template")}"));
    }

    [Fact]
    public async Task Calls_without_a_result_record_their_span_and_duration_on_success_and_on_failure()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}/cancel").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"detail":"Run not found"}"""));
        using var spans = new ActivityRecorder("LangGraph.Client");
        using var duration = new MetricCollector<double>(null, "LangGraph.Client", "langgraph.client.request.duration");
        using var host = new TestHost<ILangGraphRunsClient>(s => s.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri(_server.Url!);
            o.ReadApiKeyFromEnvironment = false;
        }));

        await host.Client.DeleteThreadRunAsync(ThreadId, RunId);
        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.CancelThreadRunAsync(ThreadId, RunId));

        Assert.Equal(
            ["DeleteThreadRun Unset 204 -", "CancelThreadRun Error 404 404"],
            spans.Stopped.Select(s => $"{s.DisplayName} {s.Status} {s.GetTagItem("http.response.status_code")} {s.GetTagItem("error.type") ?? "-"}"));
        Assert.Equal(
            ["DeleteThreadRun success 204", "CancelThreadRun failure 404"],
            duration.GetMeasurementSnapshot().Select(m => $"{m.Tags["operation"]} {m.Tags["outcome"]} {m.Tags["http.response.status_code"]}"));
    }

    [Fact]
    public async Task A_wait_on_a_LangGraph_run_is_a_LangGraph_Client_span_and_metric()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}"))
            .RespondWith(Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId)));
        using var spans = new ActivityRecorder("LangGraph.Client", "WxO.Client");
        using var polls = new MetricCollector<int>(null, "LangGraph.Client", "langgraph.client.wait.polls");
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));

        var final = await host.Client.WaitForCompletionAsync(new RunReference(RunId.ToString(), ThreadId.ToString()));

        Assert.Equal(RunState.Succeeded, final.State);
        var wait = Assert.Single(spans.Stopped, s => s.DisplayName == "WaitForCompletion");
        Assert.Equal("LangGraph.Client", wait.Source.Name);
        Assert.Equal(RunId.ToString(), wait.GetTagItem("langgraph.run.id"));
        Assert.Equal(ThreadId.ToString(), wait.GetTagItem("langgraph.thread.id"));
        Assert.Equal("langgraph", wait.GetTagItem("langgraph.run.source"));
        Assert.Equal("Succeeded", wait.GetTagItem("langgraph.run.state"));
        Assert.Equal(1, wait.GetTagItem("langgraph.wait.polls"));
        Assert.Empty(spans.From("WxO.Client"));
        var poll = Assert.Single(spans.Stopped, s => s.DisplayName == "GetThreadRun");
        Assert.Equal(wait.SpanId, poll.ParentSpanId);
        var measurement = Assert.Single(polls.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("Succeeded", measurement.Tags["outcome"]);
    }

    [Fact]
    public async Task A_stream_is_one_span_that_ends_with_the_stream()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}/stream"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream")
                .WithBody("event: values\ndata: {\"step\":1}\nid: 1\n\nevent: values\ndata: {\"step\":2}\nid: 2\n\n"));
        using var spans = new ActivityRecorder("LangGraph.Client");
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var stoppedWhileReading = new List<int>();

        await foreach (var e in host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: TestContext.Current.CancellationToken))
        {
            stoppedWhileReading.Add(spans.Stopped.Count);
        }

        var span = Assert.Single(spans.Stopped);
        Assert.Equal("JoinThreadRunStream", span.DisplayName);
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal(RunId.ToString(), span.GetTagItem("langgraph.run.id"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal([0, 0], stoppedWhileReading);   // open while the events were read
    }
}

using WireMock.Server;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests;

/// <summary>Spans are process-wide, so these tests run alone and their counts are exact.</summary>
[CollectionDefinition(nameof(ObservabilityTests), DisableParallelization = true)]
public sealed class ObservabilityCollection;

/// <summary>What each Orchestrate operation is called in traces: the span name, the method and the URL template.</summary>
[Collection(nameof(ObservabilityTests))]
public sealed class ObservabilityTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Every_operation_has_its_span_name_method_and_url_template()
    {
        // Nothing answers but 404: each call fails at once, after its span recorded what it is.
        using var spans = new ActivityRecorder("WxO.Client");
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 0);
        var c = wxo.Client;
        var request = new CreateRunRequest { Message = RunMessage.FromUser("Hello"), AgentId = "agent-7" };
        Func<Task>[] calls =
        [
            () => c.GetRunAsync("r1"),
            () => c.ListRunsAsync(),
            () => c.CreateRunAsync(request),
            async () => await c.StreamRunAsync(request).GetAsyncEnumerator().MoveNextAsync(),
            () => c.CancelRunAsync("r1"),
            () => c.GetRunEventsAsync("r1"),
            () => c.GetThreadMessagesAsync("t1"),
        ];
        foreach (var call in calls)
        {
            await Assert.ThrowsAnyAsync<RunApiException>(call);
        }

        Assert.Equal(
            [
                "GetRun GET /v1/orchestrate/runs/{run_id}",
                "ListRuns GET /v1/orchestrate/runs",
                "CreateRun POST /v1/orchestrate/runs",
                "StreamRun POST /v1/orchestrate/runs/stream",
                "CancelRun POST /v1/orchestrate/runs/cancel/{run_id}",
                "GetRunEvents GET /v1/orchestrate/runs/{run_id}/events",
                "GetThreadMessages GET /v1/orchestrate/threads/{thread_id}/messages",
            ],
            spans.Stopped.Select(s => $"{s.DisplayName} {s.GetTagItem("http.request.method")} {s.GetTagItem("url.template")}"));
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>Waiting on a WxO run served by WireMock, with fast real-time polling.</summary>
public sealed class WaitForWxORunTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static RunPollingOptions Fast => new() { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The run goes through these statuses, one per poll; the last one stays.</summary>
    private void Statuses(params string[] statuses)
        => _server.GivenSequence("/v1/orchestrate/runs/r1", [.. statuses.Select(s => Response.Create().WithBody(Payloads.Run("r1", s)))]);

    [Fact]
    public async Task Pending_running_async_wait_completed_ends_Succeeded()
    {
        Statuses("pending", "running", "async_wait", "completed");
        using var wxo = new WxOTestClient(_server);

        var seen = new List<RunState>();
        await foreach (var s in wxo.Client.WatchAsync(new RunReference("r1"), Fast))
        {
            seen.Add(s.State);
        }

        Assert.Equal([RunState.Pending, RunState.Running, RunState.Waiting, RunState.Succeeded], seen);
        Assert.Equal(RunState.Succeeded, (await wxo.Client.WaitForCompletionAsync(new RunReference("r1"), Fast)).State);
    }

    [Fact]
    public async Task Requires_input_ends_the_wait()
    {
        Statuses("running", "requires_input", "completed");
        using var wxo = new WxOTestClient(_server);

        var final = await wxo.Client.WaitForCompletionAsync(new RunReference("r1"), Fast);

        Assert.Equal(RunState.RequiresInput, final.State);
        Assert.Equal("requires_input", final.RawStatus);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Persistent_server_error_ends_the_wait_with_it()
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r1")).RespondWith(Response.Create().WithStatusCode(503));
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 2);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.WaitForCompletionAsync(new RunReference("r1"), Fast));

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, _server.LogEntries.Count());   // one wait poll, retried twice by the pipeline
    }
}

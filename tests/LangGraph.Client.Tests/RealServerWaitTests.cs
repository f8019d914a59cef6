using System.Text.Json;
using WxO.Client;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Waiting on runs of the real LangGraph Agent Server.</summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerWaitTests(LangGraphServerFixture server)
{
    private static RunReference Reference(JsonElement run)
        => new(run.GetProperty("run_id").GetString()!, run.GetProperty("thread_id").GetString()!);

    [Fact]
    public async Task A_2_second_run_waited_with_default_options_succeeds()
    {
        var run = Reference(await server.CreateRunAsync(new { mode = "sleep", ms = 2000 }));
        using var host = LangGraphTestClient.Create(server.BaseAddress);

        var final = await host.Client.WaitForCompletionAsync(run);

        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal("success", final.RawStatus);
        Assert.Equal(run.RunId, final.RunId);
    }

    [Fact]
    public async Task A_throwing_run_ends_Failed()
    {
        var run = Reference(await server.CreateRunAsync(new { mode = "throw" }));
        using var host = LangGraphTestClient.Create(server.BaseAddress);

        var final = await host.Client.WaitForCompletionAsync(run, new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal("error", final.RawStatus);
    }

    [Fact]
    public async Task Watch_sees_pending_or_running_before_success()
    {
        var run = Reference(await server.CreateRunAsync(new { mode = "sleep", ms = 2000 }));
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var options = new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromMilliseconds(500) };

        var states = new List<RunState>();
        await foreach (var snapshot in host.Client.WatchAsync(run, options))
        {
            states.Add(snapshot.State);
        }

        Assert.Contains(states[0], new[] { RunState.Pending, RunState.Running });
        Assert.Equal(RunState.Succeeded, states[^1]);
    }
}

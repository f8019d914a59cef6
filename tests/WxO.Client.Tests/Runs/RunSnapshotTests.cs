using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Models;
using Xunit;

namespace WxO.Client.Tests.Runs;

public sealed class RunSnapshotTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private async Task<RunSnapshot> SnapshotOf(string body)
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r1")).RespondWith(Response.Create().WithBody(body));
        using var wxo = new WxOTestClient(_server);
        return await wxo.Client.GetRunSnapshotAsync(new RunReference("r1"));
    }

    [Theory]
    [InlineData("pending", RunState.Pending, false)]
    [InlineData("running", RunState.Running, false)]
    [InlineData("async_wait", RunState.Waiting, false)]
    [InlineData("async_completed", RunState.Running, false)]
    [InlineData("requires_input", RunState.RequiresInput, false)]
    [InlineData("completed", RunState.Succeeded, true)]
    [InlineData("COMPLETED", RunState.Succeeded, true)]
    [InlineData("failed", RunState.Failed, true)]
    [InlineData("cancelled", RunState.Cancelled, true)]
    [InlineData("expired", RunState.Expired, true)]
    [InlineData("queued", RunState.Unknown, false)]
    public async Task Status_maps_per_the_guide(string status, RunState state, bool terminal)
    {
        var snapshot = await SnapshotOf(Payloads.Run("r1", status));

        Assert.Equal("wxo", snapshot.Source);
        Assert.Equal("r1", snapshot.RunId);
        Assert.Equal(status, snapshot.RawStatus);
        Assert.Equal(state, snapshot.State);
        Assert.Equal(terminal, snapshot.IsTerminal);
        Assert.Equal("7d1c2f8e-0000-4000-8000-000000000001", snapshot.ThreadId);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:15:43.191Z"), snapshot.CreatedAt);
    }

    [Fact]
    public async Task Error_text_comes_from_last_error_or_error_and_updated_is_the_latest_event()
    {
        var fromLastError = await SnapshotOf(Payloads.Run("r1", "failed", """, "last_error":"tool crashed", "failed_at":"2026-11-23T02:20:00Z" """));
        Assert.Equal("tool crashed", fromLastError.Error);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:20:00Z"), fromLastError.UpdatedAt);
    }

    [Fact]
    public async Task Error_text_falls_back_to_error_field()
    {
        var snapshot = await SnapshotOf(Payloads.Run("r1", "failed", """, "error":"quota exceeded" """));

        Assert.Equal("quota exceeded", snapshot.Error);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:15:44Z"), snapshot.UpdatedAt);
    }

    [Fact]
    public async Task Last_error_wins_over_error_and_a_non_string_error_is_its_json()
    {
        var both = await SnapshotOf(Payloads.Run("r1", "failed", """, "last_error":"tool crashed", "error":"quota exceeded" """));
        _server.Reset();
        var structured = await SnapshotOf(Payloads.Run("r1", "failed", """, "error":{"code":429,"reason":"quota"} """));
        _server.Reset();
        var none = await SnapshotOf(Payloads.Run("r1", "failed", """, "error":null """));

        Assert.Equal("tool crashed", both.Error);
        Assert.Equal("""{"code":429,"reason":"quota"}""", structured.Error);
        Assert.Null(none.Error);   // "error": null says there is none (it read as the text "null" before)
    }

    [Theory]
    [InlineData(""", "assistant_id":"a-1", "agent_id":"g-1" """, "a-1")]
    [InlineData(""", "agent_id":"g-1" """, "g-1")]
    [InlineData(""" """, null)]
    public async Task The_assistant_is_assistant_id_else_agent_id(string extra, string? assistant)
    {
        var snapshot = await SnapshotOf(Payloads.Run("r1", extra: extra).Replace("\"assistant_id\":\"0f3c2a11-0000-4000-8000-000000000002\",", "", StringComparison.Ordinal));

        Assert.Equal(assistant, snapshot.AssistantId);
    }

    [Fact]
    public async Task Updated_is_the_latest_of_started_completed_failed_and_cancelled()
    {
        var snapshot = await SnapshotOf(Payloads.Run("r1", "cancelled",
            """, "failed_at":"2026-11-23T02:30:00Z", "cancelled_at":"2026-11-23T02:25:00Z" """));

        Assert.Equal(DateTimeOffset.Parse("2026-11-23T02:30:00Z"), snapshot.UpdatedAt);
    }

    [Fact]
    public void Updated_skips_missing_times_and_is_null_without_any()
    {
        var started = DateTimeOffset.Parse("2026-11-23T02:00:00Z");
        var cancelled = DateTimeOffset.Parse("2026-11-23T02:05:00Z");

        Assert.Null(WxOModelFactory.AssistantRun("r1").ToSnapshot().UpdatedAt);
        Assert.Equal(cancelled, WxOModelFactory.AssistantRun("r1", startedAt: started, cancelledAt: cancelled).ToSnapshot().UpdatedAt);
        Assert.Equal(started, WxOModelFactory.AssistantRun("r1", startedAt: started).ToSnapshot().UpdatedAt);
    }

    [Fact]
    public void A_run_and_its_ids_give_the_same_reference_and_a_blank_thread_is_left_out()
    {
        var run = WxOModelFactory.AssistantRun("r1", threadId: "t1");

        Assert.Equal(new RunReference("r1", "t1"), run.ToRunReference());
        Assert.Equal(new RunReference("r1", "t1"), WxOModelFactory.AssistantRunIds("r1", threadId: "t1").ToRunReference());
        Assert.Null(WxOModelFactory.AssistantRun("r1", threadId: " ").ToRunReference().ThreadId);
        Assert.Null(WxOModelFactory.AssistantRunIds("r1", threadId: "").ToRunReference().ThreadId);
        Assert.Equal(("wxo", "r1", "t1"), (run.ToSnapshot().Source, run.ToSnapshot().RunId, run.ToSnapshot().ThreadId));
    }
}

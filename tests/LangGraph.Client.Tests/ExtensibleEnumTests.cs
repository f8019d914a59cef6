using LangGraph.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// The string-valued enums: each known value is the wire string the servers use (both SDKs spell them so), equality and
/// hashing ignore case, and the default value neither throws nor prints "null".
/// </summary>
public sealed class ExtensibleEnumTests
{
    [Fact]
    public void Known_values_are_the_wire_strings()
    {
        Assert.Equal(["reject", "rollback", "interrupt", "enqueue"],
            new[] { MultitaskStrategy.Reject, MultitaskStrategy.Rollback, MultitaskStrategy.Interrupt, MultitaskStrategy.Enqueue }.Select(v => v.ToString()));
        Assert.Equal(["values", "updates", "messages", "messages-tuple", "events", "custom", "debug", "tasks", "checkpoints"],
            new[] { StreamMode.Values, StreamMode.Updates, StreamMode.Messages, StreamMode.MessagesTuple, StreamMode.Events, StreamMode.Custom, StreamMode.Debug, StreamMode.Tasks, StreamMode.Checkpoints }.Select(v => v.ToString()));
        Assert.Equal(["pending", "running", "error", "success", "timeout", "interrupted"],
            new[] { ThreadRunStatus.Pending, ThreadRunStatus.Running, ThreadRunStatus.Error, ThreadRunStatus.Success, ThreadRunStatus.Timeout, ThreadRunStatus.Interrupted }.Select(v => v.ToString()));
        Assert.Equal(["idle", "busy", "interrupted", "error"],
            new[] { ThreadStatus.Idle, ThreadStatus.Busy, ThreadStatus.Interrupted, ThreadStatus.Error }.Select(v => v.ToString()));
        Assert.Equal(["*"], ThreadRunRequest.AllNodes);
        Assert.Equal(["metadata", "values", "updates", "messages", "messages/partial", "messages/complete", "messages/metadata", "custom", "events", "debug", "tasks", "checkpoints", "feedback", "error"],
            new[]
            {
                ThreadRunEventType.Metadata, ThreadRunEventType.Values, ThreadRunEventType.Updates, ThreadRunEventType.Messages,
                ThreadRunEventType.MessagesPartial, ThreadRunEventType.MessagesComplete, ThreadRunEventType.MessagesMetadata,
                ThreadRunEventType.Custom, ThreadRunEventType.Events, ThreadRunEventType.Debug, ThreadRunEventType.Tasks,
                ThreadRunEventType.Checkpoints, ThreadRunEventType.Feedback, ThreadRunEventType.Error,
            }.Select(v => v.ToString()));
        Assert.Equal(["reject", "create"], new[] { IfThreadNotExists.Reject, IfThreadNotExists.Create }.Select(v => v.ToString()));
        Assert.Equal(["raise", "do_nothing"], new[] { IfThreadExists.Raise, IfThreadExists.DoNothing }.Select(v => v.ToString()));
        Assert.Equal(["sync", "async", "exit"], new[] { RunDurability.Sync, RunDurability.Async, RunDurability.Exit }.Select(v => v.ToString()));
        Assert.Equal(["continue", "cancel"], new[] { RunOnDisconnect.Continue, RunOnDisconnect.Cancel }.Select(v => v.ToString()));
        Assert.Equal(["interrupt", "rollback"], new[] { RunCancelAction.Interrupt, RunCancelAction.Rollback }.Select(v => v.ToString()));
        Assert.Equal(["delete", "keep"], new[] { RunOnCompletion.Delete, RunOnCompletion.Keep }.Select(v => v.ToString()));
        Assert.Equal(["pending", "running", "all"], new[] { RunsCancelStatus.Pending, RunsCancelStatus.Running, RunsCancelStatus.All }.Select(v => v.ToString()));
    }

    [Fact]
    public void Equality_and_hashing_ignore_case_and_the_default_is_empty()
    {
        ExtensibleEnumAssert.IgnoresCase(MultitaskStrategy.Rollback, new MultitaskStrategy("ROLLBACK"));
        ExtensibleEnumAssert.IgnoresCase(StreamMode.MessagesTuple, new StreamMode("Messages-Tuple"));
        ExtensibleEnumAssert.IgnoresCase(ThreadRunStatus.Success, new ThreadRunStatus("Success"));
        ExtensibleEnumAssert.IgnoresCase(ThreadStatus.Idle, new ThreadStatus("IDLE"));
        ExtensibleEnumAssert.IgnoresCase(ThreadRunEventType.Values, new ThreadRunEventType("VALUES"));
        ExtensibleEnumAssert.IgnoresCase(IfThreadNotExists.Create, new IfThreadNotExists("Create"));
        ExtensibleEnumAssert.IgnoresCase(IfThreadExists.DoNothing, new IfThreadExists("DO_NOTHING"));
        ExtensibleEnumAssert.IgnoresCase(RunDurability.Exit, new RunDurability("EXIT"));
        ExtensibleEnumAssert.IgnoresCase(RunOnDisconnect.Cancel, new RunOnDisconnect("Cancel"));
        ExtensibleEnumAssert.IgnoresCase(RunCancelAction.Rollback, new RunCancelAction("ROLLBACK"));
        ExtensibleEnumAssert.IgnoresCase(RunOnCompletion.Keep, new RunOnCompletion("KEEP"));
        ExtensibleEnumAssert.IgnoresCase(RunsCancelStatus.Pending, new RunsCancelStatus("Pending"));
    }

    [Fact]
    public void A_value_a_newer_server_accepts_is_sent_as_given()
    {
        var request = new ThreadRunRequest
        {
            AssistantId = "agent",
            Durability = "checkpointed",
            IfNotExists = new IfThreadNotExists("adopt"),
            MultitaskStrategy = MultitaskStrategy.Rollback,
        };

        var json = System.Text.Json.JsonSerializer.Serialize(request, LangGraph.Client.Serialization.LangGraphJsonContext.Default.ThreadRunRequest);

        JsonAssert.Equivalent("""{"assistant_id":"agent","multitask_strategy":"rollback","if_not_exists":"adopt","durability":"checkpointed"}""", json);
    }


    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.5, false)]
    [InlineData(-0.001, true)]
    [InlineData(double.NaN, true)]
    [InlineData(double.PositiveInfinity, true)]
    public void A_delayed_start_is_a_finite_number_of_seconds_from_zero(double afterSeconds, bool refused)
    {
        var request = new ThreadRunRequest { AssistantId = "agent", AfterSeconds = afterSeconds };

        var ex = Record.Exception(() => request.Validate("request", streamingOrWaiting: false));

        Assert.Equal(refused, ex is ArgumentOutOfRangeException { ParamName: "request" });
        Assert.Equal(refused, ex is not null);
    }
}

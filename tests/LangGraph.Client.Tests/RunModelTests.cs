using LangGraph.Client.Models;
using WxO.Client;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>A run you hold crosses into the vendor-neutral API without another request.</summary>
public sealed class RunModelTests
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;

    [Fact]
    public void A_run_gives_its_reference_and_its_snapshot()
    {
        var created = new DateTimeOffset(2026, 11, 23, 2, 15, 43, TimeSpan.Zero);
        var run = LangGraphModelFactory.ThreadRun(RunId, ThreadId, ThreadRunStatus.Error, assistantId: Guid.Parse("fe096781-5601-53d2-b2f6-0d3403f7e9ca"),
            createdAt: created, updatedAt: created.AddSeconds(2));

        var reference = run.ToRunReference();
        var snapshot = run.ToSnapshot();

        Assert.Equal(new RunReference(RunId, ThreadId), reference);
        Assert.Equal(("langgraph", RunId.ToString(), ThreadId.ToString(), "fe096781-5601-53d2-b2f6-0d3403f7e9ca"),
            (snapshot.Source, snapshot.RunId, snapshot.ThreadId, snapshot.AssistantId));
        Assert.Equal((RunState.Failed, "error", created, created.AddSeconds(2)), (snapshot.State, snapshot.RawStatus, snapshot.CreatedAt, snapshot.UpdatedAt));
        Assert.True(snapshot.IsTerminal);
        Assert.Null(LangGraphModelFactory.ThreadRun(RunId, ThreadId).ToSnapshot().AssistantId);
    }

    [Fact]
    public void A_stream_event_is_written_as_the_SDKs_stream_part()
    {
        var data = System.Text.Json.JsonDocument.Parse("""{"run_id":"r"}""").RootElement;
        var options = new System.Text.Json.JsonSerializerOptions();
        options.TypeInfoResolverChain.Insert(0, LangGraphModelFactory.JsonTypeInfoResolver);

        var json = System.Text.Json.JsonSerializer.Serialize(LangGraphModelFactory.ThreadRunEvent(ThreadRunEventType.Metadata, data, "0"), options);

        WxO.Client.Testing.JsonAssert.Equivalent("""{"event":"metadata","data":{"run_id":"r"},"id":"0"}""", json);
    }
}

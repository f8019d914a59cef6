using System.Diagnostics;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Our chat client and agent inside the ecosystem's own pipelines, against the real server: Microsoft.Extensions.AI's
/// OpenTelemetry and logging middleware, and Agent Framework's agent-as-a-tool.
/// </summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerEcosystemTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Under_UseOpenTelemetry_and_UseLogging_the_same_tokens_stream_and_a_GenAI_span_names_the_run()
    {
        const string Source = "WxO.Client.Tests.GenAI";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == Source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Trace));
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        using var chat = host.Client.AsChatClient("chat").AsBuilder()
            .UseOpenTelemetry(sourceName: Source)
            .UseLogging(loggerFactory)
            .Build();

        var updates = await chat.GetStreamingResponseAsync("traced", cancellationToken: Ct).ToListAsync(Ct);

        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3);
        Assert.Equal("You said: traced (message 1)", string.Concat(updates.Select(u => u.Text)));
        var span = Assert.Single(spans);
        Assert.Equal("chat chat", span.DisplayName);
        Assert.Equal("langgraph", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
        Assert.Equal("chat", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(updates[^1].ResponseId, span.GetTagItem("gen_ai.response.id"));
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("GetStreamingResponseAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agent_Framework_calls_our_agent_as_a_function_tool()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var tool = host.Client.AsAIAgent("chat", description: "repeats what it is told").AsAIFunction();

        var result = await tool.InvokeAsync(new AIFunctionArguments { ["query"] = "from a tool" }, Ct);

        Assert.Equal("chat", tool.Name);
        Assert.Equal("repeats what it is told", tool.Description);
        Assert.Contains("You said: from a tool (message 1)", result?.ToString(), StringComparison.Ordinal);
    }
}

using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LangGraph.Client;
using LangGraph.Client.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Models;

namespace WxO.Client.Benchmarks;

/// <summary>
/// The agents layer's decode cost: a 1,000-token streamed answer from memory, read three ways in one run. <b>raw</b>: an
/// HttpClient, System.Net.ServerSentEvents and a JsonDocument per event, taking each token's text (the least a reader of
/// the raw stream does); <b>SDK events</b>: the runs client's stream (<c>ThreadRunEvent</c> / <c>AssistantRunEvent</c>);
/// <b>SDK IChatClient</b>: <c>AsChatClient(...).GetStreamingResponseAsync</c>, tokens as <c>TextContent</c>. Each returns
/// the answer's length, so no path can skip the text.
/// </summary>
public abstract class ChatStreamBase
{
    protected const int Tokens = 1_000;

    protected ServiceProvider Provider { get; set; } = null!;

    protected HttpClient Raw { get; set; } = null!;

    [GlobalCleanup]
    public void Cleanup()
    {
        Provider.Dispose();
        Raw.Dispose();
    }

    /// <summary>Reads an SSE body as a raw reader would: each event's JSON parsed once, the token's text taken.</summary>
    protected async Task<int> RawAsync(string path, Func<JsonElement, string?> text)
    {
        using var response = await Raw.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var length = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            using var document = JsonDocument.Parse(item.Data);
            length += text(document.RootElement)?.Length ?? 0;
        }

        return length;
    }

    protected static async Task<int> ChatAsync(IChatClient chat, ChatOptions options)
    {
        var length = 0;
        await foreach (var update in chat.GetStreamingResponseAsync("hi", options))
        {
            length += update.Text.Length;
        }

        return length;
    }

    protected static byte[] Body(Func<int, string> frame, string first, string last)
    {
        var text = new StringBuilder(first);
        for (var i = 1; i <= Tokens; i++)
        {
            text.Append(frame(i));
        }

        return Encoding.UTF8.GetBytes(text.Append(last).ToString());
    }
}

/// <summary>LangGraph: <c>messages-tuple</c> chunks (<c>[{"type":"AIMessageChunk","content":"tok "}, {"langgraph_node"}]</c>).</summary>
public class LangGraphChatStream : ChatStreamBase
{
    private static readonly Uri Base = new("https://langgraph.example.com");
    private static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");
    private static readonly byte[] Stream = Body(
        i => $$"""event: messages{{"\n"}}data: [{"type":"AIMessageChunk","id":"run-1","content":"tok{{i}} "},{"langgraph_node":"agent","langgraph_step":1}]{{"\n"}}id: {{i}}{{"\n\n"}}""",
        "event: metadata\ndata: {\"run_id\":\"2e980c71-3342-4616-a3f9-e388ad7e8dc8\",\"attempt\":1}\nid: 0\n\n",
        "event: end\ndata: null\n\n");

    private ILangGraphRunsClient _sdk = null!;
    private IChatClient _chat = null!;
    private readonly ChatOptions _options = new() { ConversationId = ThreadId.ToString() };

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLangGraphClient(o => (o.BaseAddress, o.ApiKey, o.ReadApiKeyFromEnvironment) = (Base, Payloads.Token, false))
            .HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new StreamHandler(Stream, "text/event-stream"));
        Provider = services.BuildServiceProvider();
        _sdk = Provider.GetRequiredService<ILangGraphRunsClient>();
        _chat = _sdk.AsChatClient("agent");
        Raw = new HttpClient(new StreamHandler(Stream, "text/event-stream")) { BaseAddress = Base };
    }

    [Benchmark(Baseline = true)]
    public Task<int> RawSse() => RawAsync($"threads/{ThreadId}/runs/stream",
        e => e.ValueKind == JsonValueKind.Array && e[0].TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null);

    [Benchmark]
    public async Task<int> SdkEvents()
    {
        var length = 0;
        await foreach (var e in _sdk.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent", StreamMode = [StreamMode.MessagesTuple] }))
        {
            if (e.Event == ThreadRunEventType.Messages && e.Data[0].GetProperty("content") is { ValueKind: JsonValueKind.String } content)
            {
                length += content.GetString()!.Length;
            }
        }

        return length;
    }

    [Benchmark]
    public Task<int> SdkChatClient() => ChatAsync(_chat, _options);
}

/// <summary>Orchestrate: <c>message.delta</c> events (<c>{"delta":{"content":[{"response_type":"text","text":"tok "}]}}</c>).</summary>
public class WxOChatStream : ChatStreamBase
{
    private static readonly Uri Base = new("https://api.example.com/instances/1");
    private static readonly byte[] Stream = Body(
        i => "data: {\"id\":\"" + i + "\",\"event\":\"message.delta\",\"data\":{\"run_id\":\"r-1\",\"delta\":{\"role\":\"assistant\",\"content\":[{\"response_type\":\"text\",\"text\":\"tok" + i + " \"}]}}}\n\n",
        "data: {\"id\":\"0\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r-1\",\"thread_id\":\"t-1\"}}\n\n",
        "data: {\"id\":\"x\",\"event\":\"done\",\"data\":{}}\n\n");

    private IWxORunsClient _sdk = null!;
    private IChatClient _chat = null!;
    private readonly ChatOptions _options = new() { ConversationId = "t-1" };

    [GlobalSetup]
    public void Setup()
    {
        (var provider, _sdk) = Clients.Sdk(Base, new StreamHandler(Stream, "text/event-stream"));
        Provider = provider;
        _chat = _sdk.AsChatClient("agent");
        Raw = Clients.Raw(Base, new StreamHandler(Stream, "text/event-stream"));
    }

    [Benchmark(Baseline = true)]
    public Task<int> RawSse() => RawAsync("v1/orchestrate/runs/stream", e => e.GetProperty("event").ValueEquals("message.delta")
        ? e.GetProperty("data").GetProperty("delta").GetProperty("content")[0].GetProperty("text").GetString()
        : null);

    [Benchmark]
    public async Task<int> SdkEvents()
    {
        var length = 0;
        await foreach (var e in _sdk.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("hi"), AgentId = "agent", ThreadId = "t-1" }))
        {
            if (e.Event == AssistantRunEventType.MessageDelta)
            {
                length += e.Data.GetProperty("delta").GetProperty("content")[0].GetProperty("text").GetString()!.Length;
            }
        }

        return length;
    }

    [Benchmark]
    public Task<int> SdkChatClient() => ChatAsync(_chat, _options);
}

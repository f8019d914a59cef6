using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LangGraph.Client;
using LangGraph.Client.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Models;

namespace WxO.Client.Benchmarks;

/// <summary>
/// A 10,000-event stream read to its end, from memory and over loopback (Kestrel in this process, writing the whole body at
/// once), by the SDK's runs client and by the least a raw reader does with the same bytes: an <c>HttpClient</c>, the BCL's
/// <see cref="SseParser"/> (or <see cref="StreamReader.ReadLineAsync()"/> for JSON lines) and one <see cref="JsonDocument"/>
/// per event. Each returns the number of events whose data is a JSON object, so neither path can skip the parse. The SDK
/// rows carry what the raw reader does not: the idle watchdog, the per-event size cap, re-join bookkeeping (ids seen),
/// the envelope of Orchestrate's events, the span.
/// </summary>
public abstract class StreamBenchmark
{
    protected const int Events = 10_000;

    private KestrelServer? _server;

    [Params("memory", "loopback")]
    public string Transport { get; set; } = "memory";

    protected ServiceProvider Provider { get; set; } = null!;

    protected HttpClient Raw { get; set; } = null!;

    protected abstract byte[] Body { get; }

    protected abstract string Path { get; }

    protected abstract string MediaType { get; }

    /// <summary>Builds the clients of this row's transport (the benchmarks' [GlobalSetup], and the allocation profile's).</summary>
    public abstract void Setup();

    /// <summary>The raw reader (the benchmarks' baseline).</summary>
    public abstract Task<int> RawReader();

    /// <summary>The SDK's runs client.</summary>
    public abstract Task<int> Sdk();

    /// <summary>The base address of this row's server, after the in-memory or Kestrel one is up.</summary>
    protected Uri Start()
    {
        if (Transport == "memory")
        {
            return new Uri("https://runs.example.com/");
        }

        var (body, mediaType) = (Body, MediaType);
        _server = KestrelServer.StartAsync(app => app.MapPost(Path, (HttpContext context) =>
        {
            context.Response.ContentType = mediaType;
            return context.Response.Body.WriteAsync(body).AsTask();
        })).GetAwaiter().GetResult();
        return new Uri(_server.Address + "/");
    }

    /// <summary>The transport of this row: the in-memory handler, or a real connection pool.</summary>
    protected HttpMessageHandler? Handler() => Transport == "memory" ? new StreamHandler(Body, MediaType) : null;

    protected HttpClient RawClient(Uri address) => new(Handler() ?? new SocketsHttpHandler()) { BaseAddress = address };

    [GlobalCleanup]
    public void Cleanup()
    {
        Provider.Dispose();
        Raw.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>SSE read raw: each event's data parsed once.</summary>
    protected async Task<int> RawSseAsync(int stopAfter = int.MaxValue)
    {
        using var response = await Raw.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var objects = 0;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            using var document = JsonDocument.Parse(item.Data);
            objects += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
            if (objects == stopAfter)
            {
                break;
            }
        }

        return objects;
    }

    protected static byte[] Build(Func<int, string> frame)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Events; i++)
        {
            text.Append(frame(i));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>Orchestrate's stream, either framing: the SDK side is the same.</summary>
public abstract class WxOStreamBenchmark : StreamBenchmark
{
    private IWxORunsClient _sdk = null!;

    protected override string Path => "/v1/orchestrate/runs/stream";

    /// <summary>A run's events: <c>run.started</c>, 9,998 <c>message.delta</c>, <c>done</c>.</summary>
    protected static string Frame(int i) => i switch
    {
        0 => """{"id":"e0","event":"run.started","data":{"run_id":"r-1","thread_id":"t-1"}}""",
        Events - 1 => """{"id":"end","event":"done","data":{}}""",
        _ => "{\"id\":\"e" + i + "\",\"event\":\"message.delta\",\"data\":{\"run_id\":\"r-1\",\"delta\":{\"role\":\"assistant\",\"content\":[{\"response_type\":\"text\",\"text\":\"tok" + i + " \"}]}}}",
    };

    [GlobalSetup]
    public override void Setup()
    {
        var address = Start();
        (var provider, _sdk) = Clients.Sdk(address, Handler());
        Provider = provider;
        Raw = RawClient(address);
    }

    [Benchmark]
    public override async Task<int> Sdk()
    {
        var objects = 0;
        await foreach (var e in _sdk.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("hi"), AgentId = "agent", ThreadId = "t-1" }))
        {
            objects += e.Data.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return objects;
    }
}

/// <summary>Orchestrate's stream as Server-Sent Events: each <c>data:</c> holds <c>{"id", "event", "data"}</c>.</summary>
public class WxOSseStream : WxOStreamBenchmark
{
    private static readonly byte[] Bytes = Build(i => "data: " + Frame(i) + "\n\n");

    protected override byte[] Body => Bytes;

    protected override string MediaType => "text/event-stream";

    [Benchmark(Baseline = true)]
    public override Task<int> RawReader() => RawSseAsync();
}

/// <summary>Orchestrate's stream as JSON lines: one <c>{"id", "event", "data"}</c> per line.</summary>
public class WxOJsonLinesStream : WxOStreamBenchmark
{
    private static readonly byte[] Bytes = Build(i => Frame(i) + "\n");

    protected override byte[] Body => Bytes;

    protected override string MediaType => "application/x-ndjson";

    /// <summary>JSON lines read raw: a line at a time, each parsed once.</summary>
    [Benchmark(Baseline = true)]
    public override async Task<int> RawReader()
    {
        using var response = await Raw.SendAsync(new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") }, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        var objects = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            objects += document.RootElement.GetProperty("data").ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return objects;
    }
}

/// <summary>LangGraph's stream: <c>event: values</c>, <c>data: {state}</c>, <c>id: n</c>, as the Agent Server sends it.</summary>
public class LangGraphSseStream : StreamBenchmark
{
    private static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");
    private static readonly byte[] Bytes = Build(i => i == 0
        ? "event: metadata\ndata: {\"run_id\":\"2e980c71-3342-4616-a3f9-e388ad7e8dc8\",\"attempt\":1}\nid: 0\n\n"
        : "event: values\ndata: {\"messages\":[{\"type\":\"ai\",\"content\":\"step " + i + "\"}],\"step\":" + i + "}\nid: " + i + "\n\n");

    private ILangGraphRunsClient _sdk = null!;

    protected override byte[] Body => Bytes;

    protected override string Path => $"/threads/{ThreadId}/runs/stream";

    protected override string MediaType => "text/event-stream";

    [GlobalSetup]
    public override void Setup()
    {
        var address = Start();
        var services = new ServiceCollection();
        var builder = services.AddLangGraphClient(o => (o.BaseAddress, o.ApiKey, o.ReadApiKeyFromEnvironment) = (address, Payloads.Token, false));
        if (Handler() is { } handler)
        {
            builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => handler);
        }

        Provider = services.BuildServiceProvider();
        _sdk = Provider.GetRequiredService<ILangGraphRunsClient>();
        Raw = RawClient(address);
    }

    [Benchmark(Baseline = true)]
    public override Task<int> RawReader() => RawSseAsync();

    [Benchmark]
    public override async Task<int> Sdk()
    {
        var objects = 0;
        await foreach (var e in _sdk.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent" }))
        {
            objects += e.Data.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return objects;
    }

    /// <summary>Open the stream and take its first event (then close it): what a chat's first token waits for.</summary>
    [Benchmark]
    public Task<int> RawFirstEvent() => RawSseAsync(stopAfter: 1);

    [Benchmark]
    public async Task<int> SdkFirstEvent()
    {
        await foreach (var e in _sdk.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent" }))
        {
            return e.Data.ValueKind == JsonValueKind.Object ? 1 : 0;
        }

        return 0;
    }
}

/// <summary>Answers every request with the same body, from memory.</summary>
internal sealed class StreamHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _type = new(mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = _type;
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}

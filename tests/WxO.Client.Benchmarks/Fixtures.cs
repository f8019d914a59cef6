using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using LangGraph.Client.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxO.Client.Models;

namespace WxO.Client.Benchmarks;

/// <summary>The baseline's own source-generated metadata: what a careful hand-written client would use.</summary>
[JsonSerializable(typeof(RawAssistantRun))]
[JsonSerializable(typeof(RawAssistantRunPage))]
[JsonSerializable(typeof(RawThreadRun))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;

internal static class Payloads
{
    public const string Token = "bench-token";

    /// <summary>
    /// The vendor's own example run (tests/specs/wxo-list-runs.example.json) with another id. Its <c>stop_sequences</c>
    /// is the array the spec declares, not the example's string: NSwag's client throws on the string (ours reads both).
    /// </summary>
    public static string Run(string id) => ExampleRun.Replace("3c90c3cc-0d44-4b50-8888-8dd25736052a\",\"tenant_id", id + "\",\"tenant_id", StringComparison.Ordinal);

    private static readonly string ExampleRun = LoadExampleRun();

    private static string LoadExampleRun()
    {
        using var stream = typeof(Payloads).Assembly.GetManifestResourceStream("wxo-list-runs.example.json")!;
        var page = System.Text.Json.Nodes.JsonNode.Parse(stream)!;
        var run = page["data"]![0]!;
        run["llm_params"]!["stop_sequences"] = new System.Text.Json.Nodes.JsonArray(" and ");
        return run.ToJsonString();
    }

    /// <summary>A run id the vendor's spec accepts (a UUID), unique per <paramref name="n"/>.</summary>
    public static string RunId(int n) => $"3c90c3cc-0d44-4b50-8888-{n:D12}";

    public static readonly byte[] RunBytes = Encoding.UTF8.GetBytes(Run("3c90c3cc-0d44-4b50-8888-8dd25736052a"));

    public static readonly byte[] ThreadRunBytes = Encoding.UTF8.GetBytes("""
        {"run_id":"2e980c71-3342-4616-a3f9-e388ad7e8dc8","thread_id":"877564c6-8cb2-4c73-a954-feb76656667e","assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca","created_at":"2026-11-23T02:58:22.740Z","updated_at":"2026-11-23T02:58:24.454Z","status":"success","metadata":{"created_by":"system","graph_id":"agent"},"kwargs":{"input":{"mode":"quick"},"config":{"configurable":{"graph_id":"agent"}},"stream_mode":["values"]},"multitask_strategy":"reject"}
        """);

    /// <summary>A page of <paramref name="count"/> runs whose ids are unique across pages.</summary>
    public static byte[] Page(int offset, int count, long total)
    {
        var text = new StringBuilder(count * 700);
        text.Append("{\"total\":").Append(total).Append(",\"limit\":").Append(count).Append(",\"offset\":").Append(offset).Append(",\"data\":[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(Run(RunId(offset + i)));
        }

        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }
}

/// <summary>Answers every request from memory: measures pure client overhead, no network.</summary>
internal sealed class InMemoryHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Func<HttpRequestMessage, Task<byte[]>> _body;

    public InMemoryHandler(Func<HttpRequestMessage, byte[]> body) => _body = request => Task.FromResult(body(request));

    public InMemoryHandler(Func<HttpRequestMessage, Task<byte[]>> body) => _body = body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(await _body(request));
        content.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}

/// <summary>An in-process Kestrel server on 127.0.0.1 (the run bytes, or the routes a benchmark maps).</summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Serves the run bytes at <c>GET /v1/orchestrate/runs/{id}</c>, or the routes <paramref name="map"/> adds.</summary>
    public static async Task<KestrelServer> StartAsync(Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        (map ?? MapRun)(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelServer(app, new Uri(address));
    }

    private static void MapRun(WebApplication app)
        => app.MapGet("/v1/orchestrate/runs/{id}", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Payloads.RunBytes.Length;
            return context.Response.Body.WriteAsync(Payloads.RunBytes).AsTask();
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class Clients
{
    /// <summary>The SDK as an app gets it: DI registration with the default pipeline, resolved once.</summary>
    public static (ServiceProvider Provider, IWxORunsClient Client) Sdk(
        Uri baseAddress, HttpMessageHandler? primary = null, bool resilience = true, bool factoryLoggers = false)
    {
        var services = new ServiceCollection();
        var builder = services.AddWxOClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.BearerToken = Payloads.Token;
            o.Resilience.Enabled = resilience;
        });
        if (primary is not null)
        {
            builder.HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => primary);
        }

        if (factoryLoggers)
        {
            // HttpClientFactory's default loggers back, as if the SDK kept them (it removes them).
            builder.HttpClientBuilder.AddDefaultLogger();
        }

        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IWxORunsClient>());
    }

    /// <summary>The NSwag peer over its own HttpClient, as NSwag's docs wire it.</summary>
    public static NSwagPeer.WxONSwagClient NSwag(Uri baseAddress, HttpMessageHandler handler)
        => new(Raw(new Uri(baseAddress.ToString().TrimEnd('/') + "/"), handler));

    /// <summary>The baseline: a plain HttpClient with the same credentials.</summary>
    public static HttpClient Raw(Uri baseAddress, HttpMessageHandler handler)
    {
        var http = new HttpClient(handler) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Payloads.Token);
        return http;
    }

    public static async Task<T> RawGetAsync<T>(HttpClient http, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        return (await System.Text.Json.JsonSerializer.DeserializeAsync(stream, typeInfo))!;
    }
}

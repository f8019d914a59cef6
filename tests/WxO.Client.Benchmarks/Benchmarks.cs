using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using LangGraph.Client;
using LangGraph.Client.Models;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Models;

namespace WxO.Client.Benchmarks;

/// <summary>(1) GetRun through an in-memory handler: the client's own overhead. Target ≤ 1.10× raw time, ≤ 1.15× raw bytes, ≤ NSwag's time.</summary>
public class GetRunInMemory
{
    private static readonly Uri Base = new("https://api.example.com/instances/abc");
    private ServiceProvider _provider = null!;
    private ServiceProvider _plainProvider = null!;
    private IWxORunsClient _sdk = null!;
    private IWxORunsClient _plain = null!;
    private HttpClient _raw = null!;
    private NSwagPeer.WxONSwagClient _nswag = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_provider, _sdk) = Clients.Sdk(Base, new InMemoryHandler(_ => Payloads.RunBytes));
        (_plainProvider, _plain) = Clients.Sdk(Base, new InMemoryHandler(_ => Payloads.RunBytes), resilience: false);
        _raw = Clients.Raw(new Uri(Base + "/"), new InMemoryHandler(_ => Payloads.RunBytes));
        _nswag = Clients.NSwag(Base, new InMemoryHandler(_ => Payloads.RunBytes));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _plainProvider.Dispose();
        _raw.Dispose();
    }

    [Benchmark]
    public Task<AssistantRun> SdkResilienceOff() => _plain.GetRunAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");

    [Benchmark]
    public Task<NSwagPeer.AssistantRun> NSwag() => _nswag.Get_Orchestrate_Assistant_Run_v1_orchestrate_runs__run_id__getAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");

    [Benchmark(Baseline = true)]
    public Task<RawAssistantRun> RawHttpClient() => Clients.RawGetAsync(_raw, "v1/orchestrate/runs/3c90c3cc-0d44-4b50-8888-8dd25736052a", BaselineJsonContext.Default.RawAssistantRun);

    [Benchmark]
    public Task<AssistantRun> Sdk() => _sdk.GetRunAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");
}

/// <summary>(2) GetRun end to end against Kestrel on 127.0.0.1. Target ≤ 1.05× time.</summary>
/// <summary>
/// The SDK removes HttpClientFactory's default loggers (<c>RemoveAllLoggers</c>) and logs attempts itself; this measures
/// what keeping them would cost per call (a host with logging set up, but nothing written at Trace or Debug).
/// </summary>
public class HttpClientFactoryLoggers
{
    private static readonly Uri Base = new("https://api.example.com/instances/abc");
    private ServiceProvider _provider = null!;
    private ServiceProvider _loggedProvider = null!;
    private IWxORunsClient _sdk = null!;
    private IWxORunsClient _logged = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_provider, _sdk) = Clients.Sdk(Base, new InMemoryHandler(_ => Payloads.RunBytes));
        (_loggedProvider, _logged) = Clients.Sdk(Base, new InMemoryHandler(_ => Payloads.RunBytes), factoryLoggers: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _loggedProvider.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<AssistantRun> SdkWithoutFactoryLoggers() => _sdk.GetRunAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");

    [Benchmark]
    public Task<AssistantRun> SdkWithFactoryLoggers() => _logged.GetRunAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");
}

public class GetRunLoopback
{
    private KestrelServer _server = null!;
    private ServiceProvider _provider = null!;
    private IWxORunsClient _sdk = null!;
    private HttpClient _raw = null!;
    private NSwagPeer.WxONSwagClient _nswag = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await KestrelServer.StartAsync();
        (_provider, _sdk) = Clients.Sdk(_server.Address);
        _raw = Clients.Raw(_server.Address, new SocketsHttpHandler());
        _nswag = Clients.NSwag(_server.Address, new SocketsHttpHandler());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<RawAssistantRun> RawHttpClient() => Clients.RawGetAsync(_raw, "v1/orchestrate/runs/3c90c3cc-0d44-4b50-8888-8dd25736052a", BaselineJsonContext.Default.RawAssistantRun);

    [Benchmark]
    public Task<NSwagPeer.AssistantRun> NSwag() => _nswag.Get_Orchestrate_Assistant_Run_v1_orchestrate_runs__run_id__getAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");

    [Benchmark]
    public Task<AssistantRun> Sdk() => _sdk.GetRunAsync("3c90c3cc-0d44-4b50-8888-8dd25736052a");
}

/// <summary>(3) One ListRuns page of 1,000 runs: deserialization dominates. Target ≤ NSwag's time and bytes.</summary>
public class ListRunsPage
{
    private static readonly Uri Base = new("https://api.example.com/instances/abc");
    private readonly byte[] _page = Payloads.Page(0, 1000, 1000);
    private ServiceProvider _provider = null!;
    private IWxORunsClient _sdk = null!;
    private HttpClient _raw = null!;
    private NSwagPeer.WxONSwagClient _nswag = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_provider, _sdk) = Clients.Sdk(Base, new InMemoryHandler(_ => _page));
        _raw = Clients.Raw(new Uri(Base + "/"), new InMemoryHandler(_ => _page));
        _nswag = Clients.NSwag(Base, new InMemoryHandler(_ => _page));
    }

    [Benchmark]
    public Task<NSwagPeer.AssistantRunPage> NSwag() => _nswag.List_Orchestrate_Assistant_Runs_v1_orchestrate_runs_getAsync(1000, 0);

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<RawAssistantRunPage> RawHttpClient() => Clients.RawGetAsync(_raw, "v1/orchestrate/runs?limit=1000&offset=0", BaselineJsonContext.Default.RawAssistantRunPage);

    [Benchmark]
    public Task<AssistantRunPage> Sdk() => _sdk.ListRunsAsync(1000, 0);
}

/// <summary>
/// (4) Every run, in pages of 1,000, for 10 and 100 pages (10,000 and 100,000 runs). Allocated bytes per run
/// must not grow with the number of pages, and the peak managed heap (printed at cleanup) must stay flat.
/// The consumer does a little work per run (as a real one would), which the SDK's one-page-ahead prefetch overlaps.
/// </summary>
public class EnumerateRuns
{
    private static readonly Uri Base = new("https://api.example.com/instances/abc");
    private ServiceProvider _provider = null!;
    private IWxORunsClient _sdk = null!;
    private HttpClient _raw = null!;
    private long _peakHeap;
    private Timer? _sampler;

    [Params(10, 100)]
    public int Pages { get; set; }

    private async Task<byte[]> ServeAsync(HttpRequestMessage request)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var offset = int.Parse(query["offset"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        // A fast real server: 2 ms of latency per page, waited asynchronously like network I/O. Pages are
        // generated per request so the fixture holds none in memory.
        await Task.Delay(2);
        return Payloads.Page(offset, Math.Max(0, Math.Min(1000, (Pages * 1000) - offset)), Pages * 1000);
    }

    [GlobalSetup]
    public void Setup()
    {
        (_provider, _sdk) = Clients.Sdk(Base, new InMemoryHandler(ServeAsync));
        _raw = Clients.Raw(new Uri(Base + "/"), new InMemoryHandler(ServeAsync));
        _sampler = new Timer(_ => _peakHeap = Math.Max(_peakHeap, GC.GetTotalMemory(false)), null, 0, 5);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sampler?.Dispose();
        Console.WriteLine($"// EnumerateRuns Pages={Pages}: peak managed heap {_peakHeap / 1024 / 1024.0:0.0} MiB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024.0:0.0} MiB");
        _provider.Dispose();
        _raw.Dispose();
    }

    /// <summary>About 1 µs of work per run, as a consumer that looks at each run would do.</summary>
    private static long Work(string id, int? maxNewTokens)
    {
        long sum = 0;
        for (var i = 0; i < 400; i++)
        {
            sum += id[i % id.Length];
        }

        return sum + (maxNewTokens ?? 0);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> RawHttpClient()
    {
        long sum = 0;
        for (var offset = 0; ; offset += 1000)
        {
            var page = await Clients.RawGetAsync(_raw, $"v1/orchestrate/runs?limit=1000&offset={offset}", BaselineJsonContext.Default.RawAssistantRunPage);
            foreach (var run in page.Data)
            {
                sum += Work(run.Id, run.LlmParams?.MaxNewTokens);
            }

            if (page.Data.Count < 1000 || offset + page.Data.Count >= page.Total)
            {
                return sum;
            }
        }
    }

    [Benchmark]
    public async Task<long> Sdk()
    {
        long sum = 0;
        await foreach (var run in _sdk.EnumerateRunsAsync(pageSize: 1000))
        {
            sum += Work(run.Id, run.LlmParams?.MaxNewTokens);
        }

        return sum;
    }
}

/// <summary>(5) 1,000 GetRun calls, 64 at a time, over loopback Kestrel. Target ≥ 0.95× raw throughput (time ratio ≤ 1.05) and ≥ NSwag's.</summary>
public class GetRunConcurrent
{
    private const int Calls = 1000;
    private const int Concurrency = 64;
    private const string Id = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
    private KestrelServer _server = null!;
    private ServiceProvider _provider = null!;
    private ServiceProvider _plainProvider = null!;
    private IWxORunsClient _sdk = null!;
    private IWxORunsClient _plain = null!;
    private HttpClient _raw = null!;
    private NSwagPeer.WxONSwagClient _nswag = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await KestrelServer.StartAsync();
        (_provider, _sdk) = Clients.Sdk(_server.Address);
        (_plainProvider, _plain) = Clients.Sdk(_server.Address, resilience: false);
        _raw = Clients.Raw(_server.Address, new SocketsHttpHandler());
        _nswag = Clients.NSwag(_server.Address, new SocketsHttpHandler());
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _provider.Dispose();
        _plainProvider.Dispose();
        _raw.Dispose();
        await _server.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task SdkResilienceOff() => RunAsync(() => _plain.GetRunAsync(Id));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task NSwag() => RunAsync(() => _nswag.Get_Orchestrate_Assistant_Run_v1_orchestrate_runs__run_id__getAsync(Id));

    private static Task RunAsync(Func<Task> call)
        => Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (_, _) => await call());

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task RawHttpClient() => RunAsync(() => Clients.RawGetAsync(_raw, $"v1/orchestrate/runs/{Id}", BaselineJsonContext.Default.RawAssistantRun));

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Sdk() => RunAsync(() => _sdk.GetRunAsync(Id));
}

/// <summary>(6) LangGraph GetThreadRun through an in-memory handler.</summary>
public class GetThreadRunInMemory
{
    private static readonly Uri Base = new("https://langgraph.example.com");
    private static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");
    private static readonly Guid RunId = Guid.Parse("2e980c71-3342-4616-a3f9-e388ad7e8dc8");
    private ServiceProvider _provider = null!;
    private ILangGraphRunsClient _sdk = null!;
    private HttpClient _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLangGraphClient(o =>
        {
            o.BaseAddress = Base;
            o.ApiKey = Payloads.Token;
            o.ReadApiKeyFromEnvironment = false;
        }).HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => new InMemoryHandler(_ => Payloads.ThreadRunBytes));
        _provider = services.BuildServiceProvider();
        _sdk = _provider.GetRequiredService<ILangGraphRunsClient>();
        _raw = new HttpClient(new InMemoryHandler(_ => Payloads.ThreadRunBytes)) { BaseAddress = Base };
        _raw.DefaultRequestHeaders.Add("x-api-key", Payloads.Token);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<RawThreadRun> RawHttpClient() => Clients.RawGetAsync(_raw, $"threads/{ThreadId}/runs/{RunId}", BaselineJsonContext.Default.RawThreadRun);

    [Benchmark]
    public Task<ThreadRun> Sdk() => _sdk.GetThreadRunAsync(ThreadId, RunId);
}

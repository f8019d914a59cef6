using System.Diagnostics.Tracing;
using Microsoft.Extensions.DependencyInjection;

namespace WxO.Client.Benchmarks;

/// <summary>
/// Where a call's bytes go: <c>--alloc-profile raw|sdk|sdk-off|nswag [loopback]</c> makes 20,000 GetRun calls (and
/// <c>wxo-sse|wxo-lines|langgraph-sse[-raw]</c> reads 200 streams of 10,000 events, <see cref="StreamBenchmark"/>) and
/// attributes the bytes allocated per call to types, from the runtime's allocation samples (one per ~100 KB allocated).
/// A diagnostic for docs/PERFORMANCE.md, not a benchmark: the byte totals per call are BenchmarkDotNet's.
/// </summary>
internal static class AllocationProfile
{
    private const int Calls = 20_000;

    public static bool TryRun(string[] args)
    {
        if (args is not ["--alloc-profile", var mode, .. var rest])
        {
            return false;
        }

        var loopback = rest is ["loopback"];
        RunAsync(mode, loopback).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(string mode, bool loopback)
    {
        var server = loopback ? await KestrelServer.StartAsync() : null;
        var address = server?.Address ?? new Uri("https://api.example.com/instances/abc");
        HttpMessageHandler Handler() => loopback ? new SocketsHttpHandler() : new InMemoryHandler(_ => Payloads.RunBytes);
        Func<Task> call;
        var calls = Calls;
        ServiceProvider? provider = null;
        switch (mode)
        {
            case "raw":
                var raw = Clients.Raw(new Uri(address.ToString().TrimEnd('/') + "/"), Handler());
                call = () => Clients.RawGetAsync(raw, $"v1/orchestrate/runs/{ColdStartChild.RunId}", BaselineJsonContext.Default.RawAssistantRun);
                break;
            case "nswag":
                var nswag = Clients.NSwag(address, Handler());
                call = () => nswag.Get_Orchestrate_Assistant_Run_v1_orchestrate_runs__run_id__getAsync(ColdStartChild.RunId);
                break;
            // A 10,000-event stream from memory (Streams.cs): bytes per stream, by type.
            case "wxo-sse" or "wxo-lines" or "langgraph-sse" or "wxo-sse-raw" or "wxo-lines-raw" or "langgraph-sse-raw":
                StreamBenchmark bench = mode.StartsWith("wxo-sse", StringComparison.Ordinal) ? new WxOSseStream()
                    : mode.StartsWith("wxo-lines", StringComparison.Ordinal) ? new WxOJsonLinesStream() : new LangGraphSseStream();
                bench.Transport = loopback ? "loopback" : "memory";
                bench.Setup();
                call = mode.EndsWith("-raw", StringComparison.Ordinal) ? bench.RawReader : bench.Sdk;
                calls = 200;
                break;
            // 1,000 GetRun calls 64 at a time over loopback (GetRunConcurrent): bytes per 1,000 calls.
            case "concurrent-sdk" or "concurrent-raw" or "concurrent-nswag":
                var concurrent = new GetRunConcurrent();
                await concurrent.Setup();
                call = mode switch { "concurrent-sdk" => concurrent.Sdk, "concurrent-raw" => concurrent.RawHttpClient, _ => concurrent.NSwag };
                calls = 200;
                break;
            case "sdk" or "sdk-off":
                (provider, var sdk) = Clients.Sdk(address, loopback ? null : Handler(), resilience: mode == "sdk");
                call = () => sdk.GetRunAsync(ColdStartChild.RunId);
                break;
            default:
                throw new ArgumentException($"unknown mode {mode}");
        }

        for (var i = 0; i < Math.Min(calls, 2_000); i++)
        {
            await call();
        }

        using var listener = new AllocationListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        var samples = listener.Snapshot();
        var total = samples.Values.Sum();
        Console.WriteLine($"{mode}{(loopback ? " (loopback)" : string.Empty)}: {perCall:0} bytes per call; {total} samples");
        foreach (var (type, count) in samples.OrderByDescending(s => s.Value).Take(25))
        {
            Console.WriteLine($"  {perCall * count / total,7:0} B  {type}");
        }

        provider?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private sealed class AllocationListener : EventListener
    {
        private readonly Dictionary<string, int> _types = [];

        public Dictionary<string, int> Snapshot()
        {
            lock (_types)
            {
                return new Dictionary<string, int>(_types);
            }
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);   // GC: includes GCAllocationTick
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && e.PayloadNames is { } names)
            {
                var type = e.Payload![names.IndexOf("TypeName")] as string ?? "?";
                lock (_types)
                {
                    _types[type] = _types.GetValueOrDefault(type) + 1;
                }
            }
        }
    }
}

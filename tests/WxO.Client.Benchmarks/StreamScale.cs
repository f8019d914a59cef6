using System.Diagnostics;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxO.Client.Models;

namespace WxO.Client.Benchmarks;

/// <summary>
/// <c>--stream-scale sdk|raw</c>: 1,000 WxO streams open at once over loopback Kestrel (in this process), each 100 events.
/// Reports the managed memory per open stream (all 1,000 open, one event read each) and the process CPU per event while
/// they read the other 99, for the SDK or for a raw HttpClient + <see cref="SseParser"/> + JsonDocument reader of the same
/// bytes. The server's share is the same in both, so the difference is the SDK's. A diagnostic for docs/PERFORMANCE.md;
/// run each mode in its own process, a few times, on a quiet machine.
/// </summary>
internal static class StreamScale
{
    private const int Streams = 1_000;
    private const int Events = 100;

    public static bool TryRun(string[] args)
    {
        if (args is not ["--stream-scale", var mode])
        {
            return false;
        }

        RunAsync(mode == "sdk").GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(bool sdk)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var first = Encoding.UTF8.GetBytes("data: {\"id\":\"0\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r\"}}\n\n");
        var rest = new StringBuilder();
        for (var i = 1; i < Events - 1; i++)
        {
            rest.Append("data: {\"id\":\"").Append(i).Append("\",\"event\":\"message.delta\",\"data\":{\"delta\":{\"content\":[{\"text\":\"tok\"}]}}}\n\n");
        }

        var restBytes = Encoding.UTF8.GetBytes(rest.Append("data: {\"id\":\"99\",\"event\":\"done\",\"data\":{}}\n\n").ToString());
        app.MapPost("/v1/orchestrate/runs/stream", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.WriteAsync(first);
            await context.Response.Body.FlushAsync();
            await gate.Task;
            await context.Response.Body.WriteAsync(restBytes);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = address; o.BearerToken = Payloads.Token; });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IWxORunsClient>();
        using var raw = Clients.Raw(address, new SocketsHttpHandler());

        // Warm-up: one whole stream each way, so JIT and the first connection are not measured.
        gate.SetResult();
        await ReadAsync(sdk, client, raw, null);
        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var opened = new CountdownEvent(Streams);
        var streams = Enumerable.Range(0, Streams).Select(_ => Task.Run(() => ReadAsync(sdk, client, raw, opened))).ToList();
        opened.Wait();
        var open = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        gate.SetResult();
        var counts = await Task.WhenAll(streams);
        clock.Stop();
        process.Refresh();
        var used = process.TotalProcessorTime - cpu;
        var events = Streams * (Events - 1);
        if (counts.Any(c => c != Events))
        {
            throw new InvalidOperationException("A stream did not deliver every event.");
        }

        Console.WriteLine($"{(sdk ? "sdk" : "raw")}: {(open - before) / Streams / 1024.0:0.0} KiB managed per open stream; "
            + $"{used.TotalMicroseconds / events:0.00} µs CPU per event ({events:N0} events in {clock.ElapsedMilliseconds} ms, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }

    private static async Task<int> ReadAsync(bool sdk, IWxORunsClient client, HttpClient raw, CountdownEvent? opened)
    {
        var count = 0;
        if (sdk)
        {
            await foreach (var e in client.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("Hi") }))
            {
                if (++count == 1)
                {
                    opened?.Signal();
                }
            }

            return count;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/orchestrate/runs/stream") { Content = new StringContent("{\"message\":{\"role\":\"user\",\"content\":\"Hi\"}}", Encoding.UTF8, "application/json") };
        using var response = await raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(body, static (_, data) => JsonDocument.Parse(data.ToArray()).RootElement.Clone()).EnumerateAsync())
        {
            if (++count == 1)
            {
                opened?.Signal();
            }

            if (item.Data.GetProperty("event").GetString() == "done")
            {
                break;
            }
        }

        return count;
    }
}

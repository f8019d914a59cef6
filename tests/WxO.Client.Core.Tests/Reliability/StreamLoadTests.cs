using System.Text;
using LangGraph.Client;
using LangGraph.Client.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WxO.Client.Models;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

/// <summary>
/// Streams at scale over loopback Kestrel: 1,000 open at once all complete, and one of 1,000,000 events is read at flat
/// memory (nothing is kept per event: LangGraph's ordered ids cost nothing, other ids a fixed window). Figures (memory per
/// open stream, CPU per event) are the benchmark's: docs/PERFORMANCE.md.
/// </summary>
[Collection(nameof(LoadTests))]
public sealed class StreamLoadTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");

    private static async Task<(WebApplication App, Uri Address)> ServeAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync(Ct);
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }

    private static async Task WriteAsync(HttpResponse response, string text)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), Ct);
        await response.Body.FlushAsync(Ct);
    }

    [Fact]
    public async Task A_thousand_streams_open_at_once_all_complete_with_every_event_in_order()
    {
        const int Streams = 1_000;
        const int Events = 100;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (app, address) = await ServeAsync(app => app.MapPost("/v1/orchestrate/runs/stream", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await WriteAsync(context.Response, "data: {\"id\":\"0\",\"event\":\"run.started\",\"data\":{\"run_id\":\"r\"}}\n\n");
            await gate.Task;   // every stream is open before any goes on
            var rest = new StringBuilder();
            for (var i = 1; i < Events - 1; i++)
            {
                rest.Append("data: {\"id\":\"").Append(i).Append("\",\"event\":\"message.delta\",\"data\":{\"i\":").Append(i).Append("}}\n\n");
            }

            await WriteAsync(context.Response, rest.Append("data: {\"id\":\"99\",\"event\":\"done\",\"data\":{}}\n\n").ToString());
        }));
        await using var _ = app;
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = address; o.BearerToken = "t"; });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IWxORunsClient>();
        var opened = 0;

        var streams = Enumerable.Range(0, Streams).Select(async _ =>
        {
            var ids = new List<int>(Events);
            await foreach (var e in client.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("Hi") }, Ct))
            {
                ids.Add(int.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture));
                if (ids.Count == 1 && Interlocked.Increment(ref opened) == Streams)
                {
                    gate.SetResult();
                }
            }

            return ids;
        }).ToList();
        var results = await Task.WhenAll(streams).WaitAsync(TimeSpan.FromMinutes(3), Ct);

        Assert.All(results, ids => Assert.Equal(Enumerable.Range(0, Events), ids));
    }

    [Theory]
    [InlineData("langgraph")]
    [InlineData("wxo")]
    public async Task A_million_event_stream_is_read_at_flat_memory(string vendor)
    {
        const int Events = 1_000_000;
        var (app, address) = await ServeAsync(app =>
        {
            async Task StreamAsync(HttpContext context, Func<int, string> frame)
            {
                context.Response.ContentType = "text/event-stream";
                var batch = new StringBuilder();
                for (var i = 0; i < Events; i++)
                {
                    batch.Append(frame(i));
                    if (batch.Length > 32_000 || i == Events - 1)
                    {
                        await WriteAsync(context.Response, batch.ToString());
                        batch.Clear();
                    }
                }
            }

            // LangGraph's ids are ordered counters; Orchestrate's are taken as opaque strings (the window case).
            app.MapPost($"/threads/{ThreadId}/runs/stream", (HttpContext context) => StreamAsync(context, i => $"id: {i}\nevent: values\ndata: {{\"i\":{i}}}\n\n"));
            app.MapPost("/v1/orchestrate/runs/stream", (HttpContext context) => StreamAsync(context, i => i == Events - 1
                ? $"data: {{\"id\":\"e-{i}\",\"event\":\"done\",\"data\":{{}}}}\n\n"
                : $"data: {{\"id\":\"e-{i}\",\"event\":\"message.delta\",\"data\":{{\"i\":{i}}}}}\n\n"));
        });
        await using var _ = app;
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = address; o.BearerToken = "t"; });
        services.AddLangGraphClient(o => { o.BaseAddress = address; o.ReadApiKeyFromEnvironment = false; });
        await using var provider = services.BuildServiceProvider();
        var events = vendor == "wxo"
            ? provider.GetRequiredService<IWxORunsClient>().StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("Hi") }, Ct).Select(e => e.Data)
            : provider.GetRequiredService<ILangGraphRunsClient>().StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "a" }, Ct).Select(e => e.Data);

        var heap = new List<long>();
        var count = 0;
        await foreach (var data in events)
        {
            if (++count % 200_000 == 0)
            {
                heap.Add(GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        Assert.Equal(Events, count);
        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap every 200,000 events (KiB): {string.Join(", ", heap.Select(h => h / 1024))}");
        // Flat: what a million events would cost if anything were kept per event is tens of MB.
        Assert.True(heap.Max() - heap[0] < 4 * 1024 * 1024, $"the heap grew from {heap[0] / 1024} KiB to {heap.Max() / 1024} KiB");
    }
}

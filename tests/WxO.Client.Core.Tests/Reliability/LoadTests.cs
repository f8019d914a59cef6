using WxO.Client.Tests;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

/// <summary>Memory and time are measured for the whole process, so this runs alone.</summary>
[CollectionDefinition(nameof(LoadTests), DisableParallelization = true)]
public sealed class LoadCollection;

[Collection(nameof(LoadTests))]
public sealed class LoadTests
{
    private const int Calls = 10_000;
    private const int Concurrency = 64;

    [Fact]
    public async Task Ten_thousand_calls_at_64_concurrency_over_loopback_fail_none_leak_nothing_and_stay_pooled()
    {
        var connections = new ConcurrentDictionary<string, byte>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/v1/orchestrate/runs/{id}", async (HttpContext context, string id) =>
        {
            connections.TryAdd(context.Connection.Id, 0);
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Payloads.Run(id)));   // the run asked for
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = new Uri(address); o.BearerToken = "t"; });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IWxORunsClient>();
        await client.GetRunAsync("r1");   // warm up: JIT and the first connection are not what is measured

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var failures = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            try
            {
                var run = await client.GetRunAsync($"run-{i}");
                if (run.Id != $"run-{i}")   // each call gets its own run back
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failures);
            }
        });

        clock.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        await app.StopAsync();

        Assert.Equal(0, failures);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.True(after - before < 50 * 1024 * 1024, $"managed memory grew by {(after - before) / 1024 / 1024} MiB");
        // One pooled connection per concurrent caller at most (plus the warm-up one): no connection per request.
        Assert.InRange(connections.Count, 1, Concurrency + 1);
    }
}

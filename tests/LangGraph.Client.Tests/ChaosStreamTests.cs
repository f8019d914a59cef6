using System.Text;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// A stream of 10,000 events cut 24 times (resets and clean closes, between events and inside one): every event reaches
/// the caller exactly once and in order, through re-joins with <c>Last-Event-ID</c> that ask again for the stream modes
/// and subgraphs, whatever the server repeats on a re-join (a few events, or everything from the start).
/// </summary>
public sealed class ChaosStreamTests
{
    private const int Events = 10_000;
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;

    private static string Event(int i) => $"id: {i}\nevent: values\ndata: {{\"i\":{i}}}\n\n";

    [Fact]
    public async Task Ten_thousand_events_cut_24_times_arrive_exactly_once_in_order()
    {
        var plan = StreamCuts.Plan(Events, count: 24, seed: 2701);
        var sentAll = false;
        var rejoins = 0;
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "GET" && !request.Target.Contains("/stream", StringComparison.Ordinal))
            {
                // The run, read after a clean close: running until the last event went out.
                await connection.RespondAsync(200, LangGraphTestClient.Run(ThreadId, RunId, Volatile.Read(ref sentAll) ? "success" : "running"));
                return;
            }

            var start = 0;
            if (request.Method == "GET")
            {
                var n = ++rejoins;
                var after = int.Parse(request.Header("Last-Event-ID")!, System.Globalization.CultureInfo.InvariantCulture);
                // Servers repeat: sometimes the last few events, once everything from the first (ignoring Last-Event-ID).
                start = n == 5 ? 0 : Math.Max(0, after + 1 - (n % 4 == 0 ? 5 : n % 3));
            }

            await connection.StartChunkedAsync(extraHeaders: request.Method == "POST" ? $"Content-Location: /threads/{ThreadId}/runs/{RunId}\r\n" : null);
            // Each connection meets the next cut of the plan (connection k is cut at plan[k]).
            var cut = request.Method == "POST" ? plan[0] : rejoins < plan.Count ? plan[rejoins] : null;
            var end = cut?.At ?? Events;
            var batch = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                batch.Append(Event(i));
                if (batch.Length > 8_000)
                {
                    await connection.ChunkAsync(batch.ToString());
                    batch.Clear();
                }
            }

            if (cut is { MidEvent: true })
            {
                batch.Append(Event(cut.At).AsSpan(0, Event(cut.At).Length / 2));
            }

            if (batch.Length > 0)
            {
                await connection.ChunkAsync(batch.ToString());
            }

            if (cut is null)
            {
                Volatile.Write(ref sentAll, true);
                await connection.EndChunkedAsync();
            }
            else if (cut.Reset)
            {
                connection.Reset();
            }
            else
            {
                await connection.EndChunkedAsync();
            }
        });
        using var host = LangGraphTestClient.Create(server.Url);
        var request = new ThreadRunRequest
        {
            AssistantId = "agent", Input = JsonNode.Parse("{}"), StreamMode = [StreamMode.Values, StreamMode.Updates], StreamSubgraphs = true,
        };

        var ids = new List<int>(Events);
        await foreach (var e in host.Client.StreamThreadRunAsync(ThreadId, request, Ct))
        {
            ids.Add(e.Data.GetProperty("i").GetInt32());
        }

        Assert.Equal(Enumerable.Range(0, Events), ids);
        var opened = server.Requests.Where(r => r.Target.Contains("/stream", StringComparison.Ordinal)).ToList();
        Assert.Single(opened, r => r.Method == "POST");
        Assert.Equal(plan.Count, opened.Count(r => r.Method == "GET"));
        // Each re-join asks again for what the run was started to stream (the server reads it from each stream it opens).
        Assert.All(opened.Where(r => r.Method == "GET"), r => Assert.EndsWith(
            $"/runs/{RunId}/stream?stream_mode=values&stream_mode=updates&stream_subgraphs=true", r.Target, StringComparison.Ordinal));
    }
}

using System.Text;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>
/// A run of 10,000 events whose stream is cut (Orchestrate has no stream to re-join), then followed through its events
/// endpoint while the run goes on, with 23 more cuts there (resets and bodies cut short): every event reaches the caller
/// exactly once and in order, and the run is never started twice.
/// </summary>
public sealed class ChaosStreamTests
{
    private const int Events = 10_000;
    private const int PerRead = 450;
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static string Event(int i)
        => i == 0 ? """{"id":"0","event":"run.started","data":{"run_id":"r-1","thread_id":"t-1"}}"""
            : i == Events - 1 ? $$$"""{"id":"{{{i}}}","event":"done","data":{}}"""
            : $$$"""{"id":"{{{i}}}","event":"message.delta","data":{"i":{{{i}}}}}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ten_thousand_events_cut_24_times_arrive_exactly_once_in_order_through_the_events_endpoint(bool sse)
    {
        var plan = StreamCuts.Plan(Events, count: 24, seed: 2701);
        var streamCut = plan[1];   // a reset inside an event
        var available = streamCut.At;
        var reads = 0;
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(sse ? "text/event-stream" : "application/x-ndjson");
                var body = new StringBuilder();
                for (var i = 0; i < streamCut.At; i++)
                {
                    body.Append(sse ? $"data: {Event(i)}\n\n" : Event(i) + "\n");
                }

                body.Append(Event(streamCut.At).AsSpan(0, 20));
                await connection.ChunkAsync(body.ToString());
                connection.Reset();
                return;
            }

            // Every other read of the run or its events is cut, 23 times: by a reset or by a body cut short (both retried).
            if (++reads % 2 == 1 && reads < 2 * 23)
            {
                if (reads % 4 == 1)
                {
                    connection.Reset();
                }
                else
                {
                    await connection.RespondTruncatedAsync(200, "[" + string.Join(",", Enumerable.Range(0, available).Select(Event)) + "]");
                }

                return;
            }

            if (request.Target.EndsWith("/events", StringComparison.Ordinal))
            {
                await connection.RespondAsync(200, "[" + string.Join(",", Enumerable.Range(0, available).Select(Event)) + "]");
            }
            else
            {
                // The run moves on between reads; it is completed once every event is recorded (read before the events).
                available = Math.Min(Events, available + PerRead);
                await connection.RespondAsync(200, Payloads.Run("r-1", available == Events ? "completed" : "running"));
            }
        });
        using var wxo = new WxOTestClient(server.Url);

        var ids = new List<string>(Events);
        await foreach (var e in wxo.Client.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("Hi"), AgentId = "a" }, Ct))
        {
            ids.Add(e.Id!);
        }

        Assert.Equal(Enumerable.Range(0, Events).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.Single(server.Requests, r => r.Method == "POST");
        Assert.Equal(23, server.Requests.Count(r => r.Method == "GET") - 2 * (int)Math.Ceiling((Events - streamCut.At) / (double)PerRead));
    }
}

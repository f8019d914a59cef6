using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>
/// A WxO stream that breaks (a reset, or a body that ends before <c>done</c> / <c>run.*</c>) is never a quiet success and
/// never re-posted: the rest comes from the run's recorded events (<c>GET …/runs/{id}/events</c>), read until the run stops;
/// when that is impossible, a <see cref="RunStreamBrokenException"/> says why and carries the run.
/// </summary>
public sealed class StreamRecoveryTests
{
    private const string Runs = "/v1/orchestrate/runs";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static CreateRunRequest Hello => new() { Message = RunMessage.FromUser("Hello"), AgentId = "agent-7" };

    private static readonly string[] Recorded =
    [
        """{"id":"1","event":"run.started","data":{"run_id":"r-1","thread_id":"t-1"}}""",
        """{"id":"2","event":"message.started","data":{}}""",
        """{"id":"3","event":"message.delta","data":{"delta":{"content":[{"text":"Hel"}]}}}""",
        """{"id":"4","event":"message.delta","data":{"delta":{"content":[{"text":"lo"}]}}}""",
        """{"id":"5","event":"done","data":{}}""",
    ];

    /// <summary>A server whose stream sends the first <paramref name="sent"/> recorded events, then breaks as told.</summary>
    private static ScriptedHttpServer Server(int sent, bool sse, bool reset, Func<int, string>? status = null, Func<int, int>? recorded = null)
    {
        var runReads = 0;
        var eventReads = 0;
        return new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Method == "POST")
            {
                await connection.StartChunkedAsync(sse ? "text/event-stream" : "application/x-ndjson");
                foreach (var e in Recorded.Take(sent))
                {
                    await connection.ChunkAsync(sse ? $"data: {e}\n\n" : e + "\n");
                }

                if (reset)
                {
                    connection.Reset();
                }
                else
                {
                    // What a proxy closing an idle connection looks like: a well-formed, finished body without an end event.
                    await connection.EndChunkedAsync();
                }
            }
            else if (request.Target.EndsWith("/events", StringComparison.Ordinal))
            {
                var count = recorded?.Invoke(Interlocked.Increment(ref eventReads)) ?? Recorded.Length;
                await connection.RespondAsync(200, "[" + string.Join(",", Recorded.Take(count)) + "]");
            }
            else
            {
                var state = status?.Invoke(Interlocked.Increment(ref runReads)) ?? "completed";
                await connection.RespondAsync(200, Payloads.Run("r-1", state));
            }
        });
    }

    private static async Task<List<string>> ReadAsync(WxOTestClient wxo, List<string>? seen = null)
    {
        seen ??= [];
        await foreach (var e in wxo.Client.StreamRunAsync(Hello, Ct).WithCancellation(Ct))
        {
            seen.Add($"{e.Id} {e.Event}");
        }

        return seen;
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task A_broken_stream_is_finished_from_the_runs_recorded_events_each_once_and_never_re_posted(bool sse, bool reset)
    {
        using var server = Server(sent: 3, sse, reset);
        using var wxo = new WxOTestClient(server.Url);

        var seen = await ReadAsync(wxo);

        Assert.Equal(["1 run.started", "2 message.started", "3 message.delta", "4 message.delta", "5 done"], seen);
        Assert.Equal(["POST /v1/orchestrate/runs/stream", $"GET {Runs}/r-1", $"GET {Runs}/r-1/events"],
            server.Requests.Select(r => $"{r.Method} {r.Target}"));
    }

    [Fact]
    public async Task A_run_still_going_is_read_again_until_it_stops_and_each_event_arrives_once()
    {
        // The run is running on the first two reads (with 3, then 4 events recorded), then completed with all 5.
        using var server = Server(sent: 2, sse: true, reset: true, status: n => n < 3 ? "running" : "completed", recorded: n => Math.Min(2 + n, 5));
        using var wxo = new WxOTestClient(server.Url);

        var seen = await ReadAsync(wxo);

        Assert.Equal(["1 run.started", "2 message.started", "3 message.delta", "4 message.delta", "5 done"], seen);
        Assert.Equal(3, server.Requests.Count(r => r.Target.EndsWith("/events", StringComparison.Ordinal)));
        Assert.Single(server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_stream_that_broke_before_any_event_named_its_run_is_a_typed_error()
    {
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync("event: run.started\ndata: {}\n\nevent: message.delta\ndata: {\"te");
            connection.Reset();
        });
        using var wxo = new WxOTestClient(server.Url);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(() => ReadAsync(wxo, seen)).WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal([" run.started"], seen);
        Assert.Null(ex.RunId);
        Assert.Contains("no event named its run", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<HttpRequestException>(ex);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Recorded_events_without_the_last_one_received_are_refused_rather_than_repeated_or_skipped()
    {
        // The record holds events 1..2 only (another numbering): resuming after "3" cannot be exact.
        using var server = Server(sent: 3, sse: true, reset: false, recorded: _ => 2);
        using var wxo = new WxOTestClient(server.Url);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(() => ReadAsync(wxo, seen));

        Assert.Equal(3, seen.Count);
        Assert.Equal(("r-1", "3"), (ex.RunId, ex.LastEventId));
        Assert.Contains("do not include event '3'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_reconnection_off_a_broken_stream_is_a_typed_error_that_carries_the_run_and_the_last_event()
    {
        using var server = Server(sent: 3, sse: true, reset: false);
        using var wxo = new WxOTestClient(server.Url, o => o.StreamReconnectAttempts = 0);
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(() => ReadAsync(wxo, seen));

        Assert.Equal(3, seen.Count);
        Assert.Equal(("r-1", "3"), (ex.RunId, ex.LastEventId));
        Assert.Contains("the body ended before the run did", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}

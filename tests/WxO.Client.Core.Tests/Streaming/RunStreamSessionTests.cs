using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using WxO.Client.Errors;
using WxO.Client.Primitives;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Streaming;

/// <summary>
/// The stream session on its own, over answers built in memory: what it drops after a re-join, how it recovers from a
/// run's recorded events, what it says when it cannot, and how it cancels a run the caller left.
/// </summary>
public sealed class RunStreamSessionTests
{
    private static readonly RunEndpoint Endpoint = new("StreamThing", "POST", "/things/stream");
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static RunClientPipeline Pipeline(TimeProvider? time = null, int reconnects = 3)
    {
        var options = new WxOClientOptions { StreamReconnectAttempts = reconnects };
        TestHost<IWxORunsClient>.FastRetries(options);
        return new RunClientPipeline(RunTelemetry.Core, null, NullLogger.Instance, null, options, time ?? TimeProvider.System, SecretRedactor.None);
    }

    private static string Sse(params string?[] ids) => string.Concat(ids.Select(id => (id is null ? "" : $"id: {id}\n") + $"data: \"{id ?? "-"}\"\n\n"));

    /// <summary>An answer whose body is <paramref name="body"/>, then (when <paramref name="broken"/>) a reset.</summary>
    private static Task<HttpResponseMessage> Answer(string body, bool broken = true)
        => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(body), broken)) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } },
        });

    private static RunStreamEvent Recorded(string? id, string name = "message") => new() { Id = id, Event = name, Data = System.Text.Json.JsonDocument.Parse($"\"{id ?? "-"}\"").RootElement };

    private static async Task<List<string>> ReadAsync<T>(RunStreamDefinition<T> definition, T state, RunClientPipeline? pipeline = null, List<string>? into = null)
    {
        into ??= [];
        await foreach (var e in (pipeline ?? Pipeline()).StreamAsync(Endpoint, definition, state, static e => e, cancellationToken: Ct))
        {
            into.Add(e.Id ?? "-");
        }

        return into;
    }

    [Fact]
    public async Task A_re_join_that_repeats_ids_without_an_order_drops_them_and_yields_the_rest()
    {
        var opens = 0;
        var definition = new RunStreamDefinition<int>
        {
            Open = (_, _) => Answer(Sse("a", "b", "c")),
            // The server starts over from the first event, then goes on; the second re-join ends cleanly.
            Resume = (_, point, _) => ++opens == 1 ? Answer(Sse("a", "b", "c", "d")) : Answer(Sse("c", "d", "e"), broken: false),
        };

        Assert.Equal(["a", "b", "c", "d", "e"], await ReadAsync(definition, 0));
        Assert.Equal(2, opens);
    }

    [Fact]
    public async Task An_id_that_only_looks_repeated_after_the_first_new_event_is_yielded()
    {
        // Repeats are dropped only where a re-join begins; later, the server's events are taken as they come.
        var definition = new RunStreamDefinition<int>
        {
            Open = (_, _) => Answer(Sse("a", "b")),
            Resume = (_, _, _) => Answer(Sse("b", "c", "a"), broken: false),
        };

        Assert.Equal(["a", "b", "c", "a"], await ReadAsync(definition, 0));
    }

    [Fact]
    public async Task Recovery_yields_the_recorded_events_after_the_last_one_given_reading_again_until_the_run_ends()
    {
        var time = new TimerRecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var reads = new List<string>();
        var definition = new RunStreamDefinition<int>
        {
            Open = (_, _) => Answer(Sse("1", "2")),
            RunIdOf = e => e.Id == "1" ? "run-9" : null,
            Replay = (_, runId, _) =>
            {
                reads.Add(runId);
                // Round 1: the run goes on (3 recorded, one without an id); round 2: over, all 5 recorded.
                return Task.FromResult(reads.Count == 1
                    ? new RunStreamReplay([Recorded("1"), Recorded("2"), Recorded(null)], runEnded: false)
                    : new RunStreamReplay([Recorded("1"), Recorded("2"), Recorded(null), Recorded("4"), Recorded("5")], runEnded: true));
            },
        };

        var seen = await FakeTime.RunAsync(time, ReadAsync(definition, 0, Pipeline(time)), TimeSpan.FromMilliseconds(1));

        Assert.Equal(["1", "2", "-", "4", "5"], seen);
        Assert.Equal(["run-9", "run-9"], reads);
        Assert.Contains(time.Delays, d => d.Due == TimeSpan.FromMilliseconds(2));   // BaseDelay 1 ms × 2: the second read backs off
    }

    [Fact]
    public async Task Recovery_of_a_stream_broken_before_its_first_event_starts_from_the_first_recorded_one_when_the_run_is_known()
    {
        var definition = new RunStreamDefinition<string>
        {
            Open = (_, _) => Answer(""),
            Replay = (_, runId, _) => Task.FromResult(new RunStreamReplay([Recorded("1"), Recorded("2", "done")], runEnded: true)),
            IsLast = e => e.Event == "done",
        };

        // The run id given to the stream (a join) is enough to recover it.
        var seen = new List<string>();
        await foreach (var e in Pipeline().StreamAsync(Endpoint, definition, "s", static e => e, runId: "run-1", cancellationToken: Ct))
        {
            seen.Add(e.Id!);
        }

        Assert.Equal(["1", "2"], seen);
    }

    [Theory]
    [InlineData(true, "the last event received had no id")]
    [InlineData(false, "no event named its run")]
    public async Task A_stream_that_cannot_be_placed_in_its_record_is_not_recovered(bool runKnown, string why)
    {
        var replayed = false;
        var definition = new RunStreamDefinition<int>
        {
            Open = (_, _) => Answer(Sse("1", null)),
            RunIdOf = e => runKnown ? "run-1" : null,
            Replay = (_, _, _) => { replayed = true; return Task.FromResult(new RunStreamReplay([], runEnded: true)); },
        };
        var seen = new List<string>();

        var ex = await Assert.ThrowsAsync<RunStreamBrokenException>(() => ReadAsync(definition, 0, into: seen));

        Assert.Equal(["1", "1"], seen);   // SSE: an event without an id line carries the last one
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        Assert.Equal((runKnown ? "run-1" : null, "1"), (ex.RunId, ex.LastEventId));
        Assert.False(replayed);
    }

    [Fact]
    public async Task The_caller_leaving_a_stream_that_asked_for_it_cancels_its_run_once_an_event_names_it()
    {
        var cancelled = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new GatedStream();
        var definition = new RunStreamDefinition<bool>
        {
            Open = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/event-stream") } },
            }),
            RunIdOf = e => e.Id == "2" ? "run-7" : null,
            CancelsOnExit = asked => asked,
            CancelRun = (_, runId, _) => { cancelled.TrySetResult(runId); return Task.CompletedTask; },
        };
        body.Feed(Sse("1"));

        await foreach (var e in Pipeline().StreamAsync(Endpoint, definition, true, static e => e, cancellationToken: Ct))
        {
            break;   // event 1 names no run yet
        }

        Assert.False(cancelled.Task.IsCompleted);
        body.Feed(Sse("2"));   // read on in the background: this one names it
        Assert.Equal("run-7", await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task A_stream_that_ended_or_did_not_ask_cancels_nothing()
    {
        var cancels = 0;
        RunStreamDefinition<bool> Definition(string body) => new()
        {
            Open = (_, _) => Answer(body, broken: false),
            RunIdOf = _ => "run-1",
            IsLast = e => e.Id == "2",
            CancelsOnExit = asked => asked,
            CancelRun = (_, _, _) => { Interlocked.Increment(ref cancels); return Task.CompletedTask; },
        };

        Assert.Equal(["1", "2"], await ReadAsync(Definition(Sse("1", "2")), true));
        await foreach (var e in Pipeline().StreamAsync(Endpoint, Definition(Sse("1", "2")), false, static e => e, cancellationToken: Ct))
        {
            break;
        }

        await Task.Delay(100, Ct);
        Assert.Equal(0, cancels);
    }

    /// <summary>A body that gives its bytes, then fails as a reset connection does (or ends).</summary>
    private sealed class BreakingStream(byte[] bytes, bool broken) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read == 0 && broken ? throw new IOException("connection reset") : read;
        }
    }

    /// <summary>A body the test feeds piece by piece; a read with nothing fed waits.</summary>
    private sealed class GatedStream : MemoryStream
    {
        private readonly System.Threading.Channels.Channel<byte[]> _pieces = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

        public void Feed(string text) => _pieces.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var piece = await _pieces.Reader.ReadAsync(cancellationToken);
            piece.CopyTo(buffer);
            return piece.Length;
        }
    }
}

using System.Text;
using Microsoft.Extensions.Time.Testing;
using WxO.Client.Streaming;
using Xunit;

namespace WxO.Client.Core.Tests.Streaming;

/// <summary>The guard around a stream body: the size cap per event (not per body) and the idle watchdog.</summary>
public sealed class EventStreamGuardTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);

    private static async Task<int> ReadAllAsync(string body, long maxEventBytes, bool lineDelimited)
    {
        using var guard = new EventStreamGuard(new MemoryStream(Encoding.UTF8.GetBytes(body)), maxEventBytes, Idle, TimeProvider.System, lineDelimited);
        var buffer = new byte[3];   // small reads: boundaries fall across reads
        int read, total = 0;
        while ((read = await guard.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Fact]
    public async Task Server_sent_events_are_measured_from_one_blank_line_to_the_next()
    {
        // Each event holds exactly 5 bytes besides line ends; a single newline is not a boundary, \r is not counted.
        Assert.Equal(18, await ReadAllAsync("abc\r\nde\r\n\r\nfghij\n\n", maxEventBytes: 5, lineDelimited: false));

        var ex = await Assert.ThrowsAsync<EventTooLargeException>(() => ReadAllAsync("abc\ndef\n\n", maxEventBytes: 5, lineDelimited: false));
        Assert.Equal("A stream event is larger than the limit of 5 bytes. Raise MaxResponseContentBytes if such events are expected.", ex.Message);
    }

    [Fact]
    public async Task Json_lines_are_measured_line_by_line()
    {
        Assert.Equal(8, await ReadAllAsync("abc\ndef\n", maxEventBytes: 3, lineDelimited: true));
        await Assert.ThrowsAsync<EventTooLargeException>(() => ReadAllAsync("abc\ndefg\n", maxEventBytes: 3, lineDelimited: true));
    }

    [Fact]
    public async Task A_silent_connection_times_out_and_says_so()
    {
        var time = new FakeTimeProvider();
        var inner = new SilentStream();
        using var guard = new EventStreamGuard(inner, 1024, Idle, time, lineDelimited: false);

        var read = guard.ReadAsync(new byte[8]).AsTask();
        await inner.Reading.Task;
        time.Advance(Idle - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => read);
        Assert.Equal("The stream sent nothing for 00:00:05.", ex.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_an_idle_timeout()
    {
        var inner = new SilentStream();
        using var guard = new EventStreamGuard(inner, 1024, Idle, new FakeTimeProvider(), lineDelimited: false);
        using var cts = new CancellationTokenSource();

        var read = guard.ReadAsync(new byte[8], cts.Token).AsTask();
        await inner.Reading.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public async Task The_watchdog_only_runs_while_a_read_waits()
    {
        // Time between reads (the caller handling an event) is not silence.
        var time = new FakeTimeProvider();
        using var guard = new EventStreamGuard(new MemoryStream("abcdef"u8.ToArray()), 1024, Idle, time, lineDelimited: true);
        var buffer = new byte[3];

        Assert.Equal(3, await guard.ReadAsync(buffer));
        time.Advance(Idle * 10);
        Assert.Equal(3, await guard.ReadAsync(buffer));
    }

    [Fact]
    public async Task A_read_that_waited_disarms_the_watchdog_once_its_bytes_arrive()
    {
        var time = new FakeTimeProvider();
        var inner = new FedStream();
        using var guard = new EventStreamGuard(inner, 1024, Idle, time, lineDelimited: true);

        var first = guard.ReadAsync(new byte[256]).AsTask();
        await inner.Waiting.Task;
        inner.Feed("a\n");
        Assert.Equal(2, await first);

        // The caller handles the event for longer than the idle limit: not silence, so the next read waits afresh.
        time.Advance(Idle * 2);
        var next = guard.ReadAsync(new byte[256]).AsTask();
        inner.Feed("b\n");
        Assert.Equal(2, await next);
    }

    [Fact]
    public void It_is_a_read_only_forward_stream_that_closes_the_body()
    {
        var inner = new MemoryStream([1, 2, 3]);
        var guard = new EventStreamGuard(inner, 1024, Idle, TimeProvider.System, lineDelimited: true);

        Assert.Equal((true, false, false), (guard.CanRead, guard.CanSeek, guard.CanWrite));
        Assert.Throws<NotSupportedException>(() => guard.Read(new byte[1], 0, 1));
        guard.Dispose();
        Assert.False(inner.CanRead);
    }

    [Theory]
    [InlineData(new[] { 1 }, 6)]            // 3 s, raised to the 6 s floor
    [InlineData(new[] { 1, 4, 1 }, 12)]     // the longest gap counts: a slower beat later is not cut
    [InlineData(new[] { 20 }, 30)]          // 60 s, capped at 30 s
    public async Task Heartbeats_set_the_idle_limit_to_three_times_their_longest_gap_within_6_to_30_seconds(int[] gapSeconds, int expectedSeconds)
    {
        var time = new FakeTimeProvider();
        var inner = new FedStream();
        using var guard = new EventStreamGuard(inner, 1024, TimeSpan.FromMinutes(5), time, lineDelimited: false);
        var buffer = new byte[64];
        Assert.Equal(TimeSpan.FromMinutes(5), guard.IdleTimeout);

        await FeedAsync(guard, inner, ": heartbeat\n\n");
        Assert.Equal(TimeSpan.FromMinutes(5), guard.IdleTimeout);   // one beat is no cadence yet
        foreach (var gap in gapSeconds)
        {
            time.Advance(TimeSpan.FromSeconds(gap));
            await FeedAsync(guard, inner, "event: values\ndata: {}\n\n: heartbeat\n\n");
        }

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), guard.IdleTimeout);
        var read = guard.ReadAsync(buffer).AsTask();
        await inner.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(expectedSeconds) - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromTicks(1));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => read);
        Assert.Contains("heartbeats", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_never_raise_a_lower_configured_limit_and_events_or_json_lines_are_not_heartbeats()
    {
        var time = new FakeTimeProvider();
        var sse = new FedStream();
        using var low = new EventStreamGuard(sse, 1024, TimeSpan.FromSeconds(2), time, lineDelimited: false);
        var buffer = new byte[64];
        await FeedAsync(low, sse, ": beat\n\n");
        time.Advance(TimeSpan.FromSeconds(5));
        await FeedAsync(low, sse, ": beat\n\n");
        Assert.Equal(TimeSpan.FromSeconds(2), low.IdleTimeout);

        // Events (with a ':' inside a line) and JSON lines that start with ':' are not beats: the configured limit stays.
        var events = new FedStream();
        using var noBeats = new EventStreamGuard(events, 1024, TimeSpan.FromMinutes(5), time, lineDelimited: false);
        var lines = new FedStream();
        using var jsonLines = new EventStreamGuard(lines, 1024, TimeSpan.FromMinutes(5), time, lineDelimited: true);
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await FeedAsync(noBeats, events, "event: x\ndata: {\"a\": 1}\n\n");
            await FeedAsync(jsonLines, lines, ": not a comment\n");
        }

        Assert.Equal(TimeSpan.FromMinutes(5), noBeats.IdleTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), jsonLines.IdleTimeout);
    }

    /// <summary>Feeds one piece and reads it whole through the guard.</summary>
    private static async Task FeedAsync(EventStreamGuard guard, FedStream inner, string text)
    {
        inner.Feed(text);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), await guard.ReadAsync(new byte[256]));
    }

    /// <summary>A body the test feeds piece by piece; a read with nothing fed waits (until cancelled).</summary>
    private sealed class FedStream : MemoryStream
    {
        private readonly System.Threading.Channels.Channel<byte[]> _pieces = System.Threading.Channels.Channel.CreateUnbounded<byte[]>();

        public TaskCompletionSource Waiting { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Feed(string text) => _pieces.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_pieces.Reader.TryRead(out var piece))
            {
                Waiting.TrySetResult();
                piece = await _pieces.Reader.ReadAsync(cancellationToken);
            }

            piece.CopyTo(buffer);
            return piece.Length;
        }
    }

    /// <summary>A body whose reads wait until cancelled.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}

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
        Assert.True(guard.IdleTimedOut);
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
        Assert.False(guard.IdleTimedOut);
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
        Assert.False(guard.IdleTimedOut);
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

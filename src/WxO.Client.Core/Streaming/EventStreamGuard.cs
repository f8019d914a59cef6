namespace WxO.Client.Streaming;

/// <summary>
/// Wraps a stream of events as it arrives: every read must bring bytes within the idle timeout (the watchdog: a silent
/// connection is a dead one), and no single event may exceed the size cap (counted from the last event boundary, a blank
/// line for SSE or a newline for JSON lines), so a hostile server cannot fill memory with one endless event.
/// </summary>
/// <remarks>
/// The watchdog adapts to the server's heartbeats (SSE comment lines, e.g. <c>: heartbeat</c>): once two have arrived,
/// the idle limit becomes 3× the longest gap seen between two of them, kept within 6–30 s and never above the configured limit. So a half-open connection to a server that beats is noticed in
/// seconds, and a long tool call or a human-in-the-loop pause (during which the server keeps beating) is not cut. A
/// server that never beats keeps the configured limit.
/// </remarks>
internal sealed class EventStreamGuard(Stream inner, long maxEventBytes, TimeSpan idleTimeout, TimeProvider time, bool lineDelimited) : Stream
{
    /// <summary>The adapted limit is never below this: a fast-beating server must not make a brief stall fatal.</summary>
    public static readonly TimeSpan MinHeartbeatIdleTimeout = TimeSpan.FromSeconds(6);

    /// <summary>The adapted limit is never above this (unless configured lower): the point is to notice a dead connection fast.</summary>
    public static readonly TimeSpan MaxHeartbeatIdleTimeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _idle = new(Timeout.InfiniteTimeSpan, time);
    private CancellationTokenSource? _linked;
    private CancellationToken _linkedTo;
    private long _sinceBoundary;
    private bool _afterNewline = true;
    private long? _lastHeartbeat;
    private TimeSpan? _longestHeartbeatGap;

    /// <summary>How long the next read may wait for bytes: the configured limit, or the one adapted to the heartbeats seen.</summary>
    public TimeSpan IdleTimeout => _longestHeartbeatGap is { } gap
        ? TimeSpan.FromTicks(Math.Min(idleTimeout.Ticks, Math.Clamp(gap.Ticks * 3, MinHeartbeatIdleTimeout.Ticks, MaxHeartbeatIdleTimeout.Ticks)))
        : idleTimeout;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Bytes already received come back synchronously: only a read that has to wait arms the watchdog, and the token
        // linked to the caller's is made once per stream (a reader passes the same token to every read), not per read.
        var pending = inner.ReadAsync(buffer, Watched(cancellationToken));
        int read;
        if (pending.IsCompletedSuccessfully)
        {
            read = pending.Result;
        }
        else
        {
            var limit = IdleTimeout;
            _idle.CancelAfter(limit);
            try
            {
                read = await pending.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(_longestHeartbeatGap is null
                    ? $"The stream sent nothing for {limit}."
                    : $"The stream sent nothing for {limit} (3x the longest gap between its heartbeats, within 6-30 s).");
            }
            finally
            {
                _idle.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }

        Count(buffer.Span[..read]);
        return read;
    }

    /// <summary>A token cancelled by the watchdog or by <paramref name="cancellationToken"/>.</summary>
    private CancellationToken Watched(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return _idle.Token;
        }

        if (_linked is null || _linkedTo != cancellationToken)
        {
            _linked?.Dispose();
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token);
            _linkedTo = cancellationToken;
        }

        return _linked.Token;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Streams of events are read asynchronously.");

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _linked?.Dispose();
            _idle.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>An SSE comment line began: a heartbeat (servers send nothing else as comments).</summary>
    private void Heartbeat()
    {
        var now = time.GetTimestamp();
        if (_lastHeartbeat is { } last)
        {
            var gap = time.GetElapsedTime(last, now);
            _longestHeartbeatGap = _longestHeartbeatGap is { } longest && longest > gap ? longest : gap;
        }

        _lastHeartbeat = now;
    }

    /// <summary>
    /// Counts the bytes since the last event boundary, and notes heartbeats: a line at a time, with vectorized searches
    /// (this sees every byte of every stream). Carriage returns are not counted; a line's first other byte decides
    /// whether it is a comment.
    /// </summary>
    private void Count(ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var line = newline < 0 ? bytes : bytes[..newline];
            var first = line.IndexOfAnyExcept((byte)'\r');
            if (first >= 0)
            {
                if (_afterNewline && line[first] == (byte)':' && !lineDelimited)
                {
                    Heartbeat();
                }

                _afterNewline = false;
                _sinceBoundary += line.Length - first - line[first..].Count((byte)'\r');
                if (_sinceBoundary > maxEventBytes)
                {
                    throw new EventTooLargeException(maxEventBytes);
                }
            }

            if (newline < 0)
            {
                return;
            }

            // SSE events end at a blank line (two newlines); JSON lines at each newline.
            if (lineDelimited || _afterNewline)
            {
                _sinceBoundary = 0;
            }

            _afterNewline = true;
            bytes = bytes[(newline + 1)..];
        }
    }
}

/// <summary>One event of a stream is over the size cap; the reader turns it into a <see cref="RunApiException"/>.</summary>
internal sealed class EventTooLargeException(long maxBytes)
    : Exception($"A stream event is larger than the limit of {maxBytes} bytes. Raise MaxResponseContentBytes if such events are expected.");

namespace WxO.Client.Streaming;

/// <summary>
/// Wraps a stream of events as it arrives: every read must bring bytes within the idle timeout (the watchdog: a silent
/// connection is a dead one), and no single event may exceed the size cap (counted from the last event boundary, a blank
/// line for SSE or a newline for JSON lines), so a hostile server cannot fill memory with one endless event.
/// </summary>
internal sealed class EventStreamGuard(Stream inner, long maxEventBytes, TimeSpan idleTimeout, TimeProvider time, bool lineDelimited) : Stream
{
    private readonly CancellationTokenSource _idle = new(Timeout.InfiniteTimeSpan, time);
    private long _sinceBoundary;
    private bool _afterNewline;

    /// <summary>True when the last read failed because the connection stayed silent for the idle timeout.</summary>
    public bool IdleTimedOut { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token);
        _idle.CancelAfter(idleTimeout);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            IdleTimedOut = true;
            throw new TimeoutException($"The stream sent nothing for {idleTimeout}.");
        }
        finally
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }

        Count(buffer.Span[..read]);
        return read;
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
            _idle.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b == (byte)'\n')
            {
                // SSE events end at a blank line (two newlines); JSON lines at each newline.
                if (lineDelimited || _afterNewline)
                {
                    _sinceBoundary = 0;
                }

                _afterNewline = true;
            }
            else if (b != (byte)'\r')
            {
                _afterNewline = false;
                if (++_sinceBoundary > maxEventBytes)
                {
                    throw new EventTooLargeException(maxEventBytes);
                }
            }
        }
    }
}

/// <summary>One event of a stream is over the size cap; the reader turns it into a <see cref="RunApiException"/>.</summary>
internal sealed class EventTooLargeException(long maxBytes)
    : Exception($"A stream event is larger than the limit of {maxBytes} bytes. Raise MaxResponseContentBytes if such events are expected.");

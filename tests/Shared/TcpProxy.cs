using System.Net;
using System.Net.Sockets;

namespace WxO.Client.Testing;

/// <summary>
/// A TCP proxy on loopback in front of a real server, that a test can use to break the network the way real ones break:
/// cut every open connection (a reset, or a clean close), or stall them (stop forwarding without closing: a half-open
/// connection). New connections are forwarded normally.
/// </summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Link> _links = [];

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>How many connections the proxy has accepted.</summary>
    public int Connections { get { lock (_links) { return _links.Count; } } }

    /// <summary>Bytes sent from the client to the server so far, over every connection.</summary>
    public long BytesToServer => Interlocked.Read(ref _bytesToServer);

    private long _bytesToServer;

    /// <summary>Cuts every open connection: a reset (RST) to the client, or a clean close (FIN) of both sides.</summary>
    public void Cut(bool reset)
    {
        foreach (var link in Open())
        {
            link.Close(reset);
        }
    }

    /// <summary>While true, answers are held back on every connection (requests still reach the server).</summary>
    public bool HoldResponses { get; set; }

    /// <summary>
    /// Ends the answer streaming on every open connection cleanly, as a proxy closing an idle connection can: at the next
    /// chunk boundary the terminating chunk (<c>0\r\n\r\n</c>) is sent in the server's place, then the connection closes.
    /// The body is well-formed and complete as far as HTTP can tell; only the missing events say it was cut.
    /// </summary>
    public void EndBodiesCleanly()
    {
        foreach (var link in Open())
        {
            link.EndBodyCleanly = true;
        }
    }

    /// <summary>Stops forwarding on every open connection without closing it: what a dead NAT or a stuck gateway looks like.</summary>
    public void Stall()
    {
        foreach (var link in Open())
        {
            link.Stalled = true;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var link in Open())
        {
            link.Close(reset: true);
        }
    }

    private List<Link> Open()
    {
        lock (_links)
        {
            return _links.Where(l => !l.Closed).ToList();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            }
            catch (Exception)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            var link = new Link(client, server);
            lock (_links)
            {
                _links.Add(link);
            }

            _ = PumpAsync(link, client.GetStream(), server.GetStream(), toServer: true);
            _ = PumpAsync(link, server.GetStream(), client.GetStream(), toServer: false);
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to, bool toServer)
    {
        var buffer = new byte[16 * 1024];
        var framing = new ResponseFraming();
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                while ((link.Stalled || (!toServer && HoldResponses)) && !link.Closed)
                {
                    await Task.Delay(20, _stop.Token);   // holds the bytes: nothing forwarded, nothing closed
                }

                if (!toServer && link.EndBodyCleanly)
                {
                    for (var i = 0; i < read; i++)
                    {
                        if (framing.AtChunkBoundary)
                        {
                            await to.WriteAsync(buffer.AsMemory(0, i), _stop.Token);
                            await to.WriteAsync("0\r\n\r\n"u8.ToArray(), _stop.Token);
                            link.Close(reset: false);
                            return;
                        }

                        framing.Advance(buffer[i]);
                    }
                }
                else if (!toServer)
                {
                    for (var i = 0; i < read; i++)
                    {
                        framing.Advance(buffer[i]);
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (toServer)
                {
                    Interlocked.Add(ref _bytesToServer, read);
                }
            }

            // One side closed: pass the close on.
            link.Close(reset: false);
        }
        catch (Exception)
        {
            link.Close(reset: true);
        }
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        private int _closed;

        public volatile bool Stalled;

        public volatile bool EndBodyCleanly;

        public bool Closed => Volatile.Read(ref _closed) == 1;

        public void Close(bool reset)
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }

            try
            {
                if (reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                }
                else
                {
                    client.Client.Shutdown(SocketShutdown.Both);
                }
            }
            catch (SocketException)
            {
            }

            client.Dispose();
            server.Dispose();
        }
    }

    /// <summary>Follows HTTP/1.1 answers byte by byte, to know where a chunked body's chunks begin.</summary>
    private sealed class ResponseFraming
    {
        private readonly List<byte> _head = [];
        private State _state = State.Head;
        private long _remaining;
        private long _size;
        private bool _digits;

        private enum State { Head, Size, SizeLine, Data, DataCr, DataLf, Trailer, Fixed, Open }

        /// <summary>Between two chunks of a chunked body, before the next chunk's size.</summary>
        public bool AtChunkBoundary => _state == State.Size && !_digits;

        public void Advance(byte b)
        {
            switch (_state)
            {
                case State.Head:
                    _head.Add(b);
                    if (_head.Count >= 4 && _head[^1] == '\n' && _head[^2] == '\r' && _head[^3] == '\n' && _head[^4] == '\r')
                    {
                        var head = System.Text.Encoding.ASCII.GetString([.. _head]).ToLowerInvariant();
                        _head.Clear();
                        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("content-length:", StringComparison.Ordinal));
                        (_state, _remaining) = head.Contains("transfer-encoding: chunked", StringComparison.Ordinal) ? (State.Size, 0L)
                            : length is not null ? (State.Fixed, long.Parse(length["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                            : (State.Open, 0L);
                        (_size, _digits) = (0, false);
                        if (_state == State.Fixed && _remaining == 0)
                        {
                            _state = State.Head;
                        }
                    }

                    break;
                case State.Size:
                    if (Uri.IsHexDigit((char)b))
                    {
                        _size = _size * 16 + Convert.ToInt32(((char)b).ToString(), 16);
                        _digits = true;
                    }
                    else
                    {
                        _state = State.SizeLine;   // an extension or the line's CR: the size is known
                    }

                    break;
                case State.SizeLine:
                    if (b == '\n')
                    {
                        (_state, _remaining) = _size == 0 ? (State.Trailer, 0L) : (State.Data, _size);
                    }

                    break;
                case State.Data:
                    if (--_remaining == 0)
                    {
                        _state = State.DataCr;
                    }

                    break;
                case State.DataCr:
                    _state = State.DataLf;
                    break;
                case State.DataLf:
                    (_state, _size, _digits) = (State.Size, 0, false);
                    break;
                case State.Trailer:
                    // The last chunk's trailer section ends at an empty line.
                    _head.Add(b);
                    if (_head.Count >= 2 && _head[^1] == '\n' && _head[^2] == '\r')
                    {
                        var empty = _head.Count == 2;
                        _head.Clear();
                        if (empty)
                        {
                            _state = State.Head;
                        }
                    }

                    break;
                case State.Fixed:
                    if (--_remaining == 0)
                    {
                        _state = State.Head;
                    }

                    break;
            }
        }
    }
}

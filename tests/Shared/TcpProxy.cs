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
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                while ((link.Stalled || (!toServer && HoldResponses)) && !link.Closed)
                {
                    await Task.Delay(20, _stop.Token);   // holds the bytes: nothing forwarded, nothing closed
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
}

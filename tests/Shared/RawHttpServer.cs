using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WxO.Client.Testing;

/// <summary>
/// A minimal HTTP/1.1 server on loopback that records each request line exactly as it came over the wire.
/// WireMock (Kestrel) decodes and normalises paths before tests can see them, so escaping is asserted here.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _responseBody;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requestLines = [];

    public RawHttpServer(string responseBody)
    {
        _responseBody = responseBody;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public IReadOnlyList<string> RequestLines
    {
        get { lock (_requestLines) { return [.. _requestLines]; } }
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

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            while (await reader.ReadLineAsync() is { Length: > 0 } requestLine)
            {
                lock (_requestLines) { _requestLines.Add(requestLine); }
                while (await reader.ReadLineAsync() is { Length: > 0 })
                {
                    // Headers are not needed; GET requests have no body.
                }

                var body = Encoding.UTF8.GetBytes(_responseBody);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(body);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

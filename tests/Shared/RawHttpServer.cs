using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WxO.Client.Testing;

/// <summary>
/// A minimal HTTP/1.1 server on loopback that records each request line exactly as it came over the wire, and can
/// misbehave at the socket level. WireMock (Kestrel) decodes paths before tests can see them, and its "faults"
/// still send a well-formed response, so escaping, connection resets and cut-off bodies are tested here.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _responseBody;
    private readonly Func<int, RawFault> _faultForRequest;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _requestLines = [];

    /// <param name="responseBody">The 200 body of a well-behaved answer.</param>
    /// <param name="faultForRequest">How to misbehave on the n-th request (0-based); none by default.</param>
    public RawHttpServer(string responseBody, Func<int, RawFault>? faultForRequest = null)
    {
        _responseBody = responseBody;
        _faultForRequest = faultForRequest ?? (_ => RawFault.None);
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
                int index;
                lock (_requestLines)
                {
                    index = _requestLines.Count;
                    _requestLines.Add(requestLine);
                }

                while (await reader.ReadLineAsync() is { Length: > 0 })
                {
                    // Headers are not needed; GET requests have no body.
                }

                var fault = _faultForRequest(index);
                if (fault == RawFault.Reset)
                {
                    client.Client.LingerState = new LingerOption(true, 0);   // close with RST, no response at all
                    return;
                }

                var body = Encoding.UTF8.GetBytes(_responseBody);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                if (fault == RawFault.TruncatedBody)
                {
                    await stream.WriteAsync(body.AsMemory(0, body.Length / 2));   // half the declared body, then close
                    return;
                }

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

public enum RawFault
{
    None,

    /// <summary>The connection is reset after the request, with no response.</summary>
    Reset,

    /// <summary>Headers promise a Content-Length, half the body comes, the connection closes.</summary>
    TruncatedBody,
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WxO.Client.Testing;

/// <summary>
/// An HTTP/1.1 server on loopback whose every answer is a script: it gets the parsed request and the raw connection, and
/// writes what it likes (a stream in pieces, silence, a cut-off chunked body, a reset). For streaming and "the request
/// reached the server" cases that WireMock cannot produce. One request per connection.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ScriptedRequest, ScriptedConnection, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ScriptedRequest> _requests = [];

    public ScriptedHttpServer(Func<ScriptedRequest, ScriptedConnection, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get { lock (_requests) { return [.. _requests]; } }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
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
            try
            {
                var head = await ReadHeadAsync(stream);
                if (head is null)
                {
                    return;
                }

                var lines = head.Split("\r\n");
                var parts = lines[0].Split(' ');
                var headers = lines.Skip(1).Where(l => l.Contains(':'))
                    .ToDictionary(l => l[..l.IndexOf(':')].Trim(), l => l[(l.IndexOf(':') + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
                var body = headers.TryGetValue("Content-Length", out var length) ? await ReadExactlyAsync(stream, int.Parse(length)) : string.Empty;
                ScriptedRequest request;
                lock (_requests)
                {
                    request = new ScriptedRequest(_requests.Count, parts[0], parts[1], headers, body);
                    _requests.Add(request);
                }

                await _respond(request, new ScriptedConnection(client, stream, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away: that is what some tests are about.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
            {
                return Encoding.ASCII.GetString([.. bytes]).TrimEnd();
            }
        }

        return null;
    }

    private static async Task<string> ReadExactlyAsync(NetworkStream stream, int length)
    {
        var buffer = new byte[length];
        await stream.ReadExactlyAsync(buffer);
        return Encoding.UTF8.GetString(buffer);
    }
}

/// <summary>A request as the scripted server read it.</summary>
internal sealed record ScriptedRequest(int Index, string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>The raw connection of one request, with helpers for the usual answers.</summary>
internal sealed class ScriptedConnection(TcpClient client, NetworkStream stream, CancellationToken stopping)
{
    public CancellationToken Stopping => stopping;

    /// <summary>A complete answer with a Content-Length body.</summary>
    public Task RespondAsync(int status, string body = "", string contentType = "application/json", string? extraHeaders = null, string? reason = null)
        => RespondAsync(status, Encoding.UTF8.GetBytes(body), contentType, extraHeaders, reason);

    /// <summary>A complete answer whose body is exactly <paramref name="bytes"/> (e.g. not what its Content-Encoding says).</summary>
    public async Task RespondAsync(int status, byte[] bytes, string contentType = "application/json", string? extraHeaders = null, string? reason = null)
    {
        await WriteAsync($"HTTP/1.1 {status} {reason ?? ((HttpStatusCode)status).ToString()}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n{extraHeaders}Connection: close\r\n\r\n");
        await stream.WriteAsync(bytes, stopping);
    }

    /// <summary>Headers that promise the whole body, then half of it; the connection closes when the script returns.</summary>
    public async Task RespondTruncatedAsync(int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await WriteAsync($"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n\r\n");
        await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), stopping);
    }

    /// <summary>The head of a chunked answer (a stream); send its pieces with <see cref="ChunkAsync"/>.</summary>
    public Task StartChunkedAsync(string contentType = "text/event-stream", string? extraHeaders = null)
        => WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n{extraHeaders}Connection: close\r\n\r\n");

    public async Task ChunkAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await WriteAsync($"{bytes.Length:x}\r\n");
        await stream.WriteAsync(bytes, stopping);
        await WriteAsync("\r\n");
        await stream.FlushAsync(stopping);
    }

    /// <summary>
    /// Writes a chunk every 20 ms, up to <paramref name="count"/>, until the client's side refuses one; returns how many
    /// were written. A client that closed the connection makes a write fail within a few; one that drains reads them all.
    /// </summary>
    public async Task<int> ChunkUntilRefusedAsync(Func<int, string> chunk, int count = 150)
    {
        var written = 0;
        try
        {
            for (; written < count; written++)
            {
                await ChunkAsync(chunk(written));
                await Task.Delay(20, stopping);
            }
        }
        catch (IOException)
        {
        }

        return written;
    }

    /// <summary>The terminating chunk: a clean end of the stream.</summary>
    public Task EndChunkedAsync() => WriteAsync("0\r\n\r\n");

    /// <summary>Resets the connection (RST): the answer ends mid-way.</summary>
    public void Reset()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }

    /// <summary>Completes when the client closes the connection (a read returns 0), or after <paramref name="timeout"/>.</summary>
    public async Task<bool> ClientClosedAsync(TimeSpan timeout)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        wait.CancelAfter(timeout);
        try
        {
            var buffer = new byte[64];
            while (await stream.ReadAsync(buffer, wait.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>
    /// Waits for <paramref name="left"/> (the client's exit), then for the client to close the connection: the time
    /// between the two as the server sees it, or null if the connection stayed open for <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> TimeToCloseAsync(Task left, TimeSpan timeout)
    {
        await left.WaitAsync(stopping);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        return await ClientClosedAsync(timeout) ? clock.Elapsed : null;
    }

    private async Task WriteAsync(string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), stopping);
        await stream.FlushAsync(stopping);
    }
}

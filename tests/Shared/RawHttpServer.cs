namespace WxO.Client.Testing;

/// <summary>
/// A server that records each request line exactly as it came over the wire and can misbehave at the socket level, one
/// fault per request. WireMock (Kestrel) decodes paths before tests can see them, and its "faults" still send a
/// well-formed response, so escaping, connection resets and cut-off bodies are tested here. Built on
/// <see cref="ScriptedHttpServer"/>.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    private readonly ScriptedHttpServer _server;

    /// <param name="responseBody">The 200 body of a well-behaved answer.</param>
    /// <param name="faultForRequest">How to misbehave on the n-th request (0-based); none by default.</param>
    public RawHttpServer(string responseBody, Func<int, RawFault>? faultForRequest = null)
        => _server = new ScriptedHttpServer((request, connection) => (faultForRequest?.Invoke(request.Index) ?? RawFault.None) switch
        {
            RawFault.Reset => Reset(connection),
            RawFault.TruncatedBody => connection.RespondTruncatedAsync(200, responseBody),
            _ => connection.RespondAsync(200, responseBody),
        });

    public Uri Url => _server.Url;

    /// <summary>The request lines as sent (method, still-escaped target, protocol).</summary>
    public IReadOnlyList<string> RequestLines => [.. _server.Requests.Select(r => $"{r.Method} {r.Target} HTTP/1.1")];

    public void Dispose() => _server.Dispose();

    private static Task Reset(ScriptedConnection connection)
    {
        connection.Reset();   // close with RST, no response at all
        return Task.CompletedTask;
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

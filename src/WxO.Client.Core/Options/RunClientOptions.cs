using WxO.Client.Authentication;

namespace WxO.Client;

/// <summary>
/// Settings every run client shares: where the server is, how to sign in, how to retry. A plain property bag, bound from
/// configuration; each client's validator checks it at startup.
/// </summary>
public abstract class RunClientOptions
{
    /// <summary>
    /// The server's base URL. Any path is kept: with <c>https://host/instances/abc</c>, request paths are appended
    /// after <c>/instances/abc/</c>.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>. Secret: never logged or printed.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Supplies a bearer token per request, for tokens that expire. Use instead of <see cref="BearerToken"/>.</summary>
    public IAccessTokenProvider? TokenProvider { get; set; }

    /// <summary>
    /// Allows <c>http://</c> to hosts other than loopback. Off by default because credentials would travel
    /// unencrypted; loopback (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>) is always allowed.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Retries and timeouts.</summary>
    public RunResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Your application's name (at most 24 characters, a product token such as <c>ticket-bot</c> or <c>ticket-bot/2.1</c>),
    /// put first in the User-Agent so the vendor can tell your traffic apart: <c>ticket-bot WxO.Client/0.1.0 (.NET 10.0.1; linux-x64)</c>.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>Sends the User-Agent header described at <see cref="ApplicationId"/> (default). Set false to send none.</summary>
    public bool SendUserAgent { get; set; } = true;

    /// <summary>
    /// The largest response body read (default 16 MiB), and the largest single event of a stream. A larger one fails with
    /// <see cref="RunApiException"/> instead of filling memory; raise it if you list very large pages.
    /// </summary>
    public long MaxResponseContentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a stream of events may stay silent (no bytes at all) before the client treats the connection as dead and
    /// re-joins or recovers the stream, or fails with <see cref="RunStreamBrokenException"/> (its inner exception a
    /// <see cref="TimeoutException"/>). Default 5 minutes. Once the server has sent two heartbeats (SSE comment lines, e.g.
    /// <c>: heartbeat</c>), the limit adapts: 3× the longest gap seen between two, kept within 6–30 s and never above this.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many times in a row a broken or silent stream is re-joined (with <c>Last-Event-ID</c>, backing off from
    /// <see cref="RunResilienceOptions.BaseDelay"/>) before the error reaches the caller; for a stream that cannot be joined
    /// (WxO), whether it is recovered from the run's recorded events at all. Never re-sends the request that started the
    /// run. Default 3; 0 turns reconnection off (a broken stream then fails with <see cref="RunStreamBrokenException"/>).
    /// </summary>
    public int StreamReconnectAttempts { get; set; } = 3;

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString()
        => $"{GetType().Name} {{ BaseAddress = {BaseAddress}, BearerToken = {(BearerToken is null ? "(none)" : "***")}, "
            + $"TokenProvider = {(TokenProvider is null ? "(none)" : TokenProvider.GetType().Name)}, AllowInsecureHttp = {AllowInsecureHttp}, "
            + $"ApplicationId = {ApplicationId}, SendUserAgent = {SendUserAgent}, MaxResponseContentBytes = {MaxResponseContentBytes}, "
            + $"StreamIdleTimeout = {StreamIdleTimeout}, StreamReconnectAttempts = {StreamReconnectAttempts}, {Resilience} }}";
}

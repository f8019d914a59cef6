using System.Globalization;
using System.Net;
using System.Text;

namespace WxO.Client.Samples;

/// <summary>
/// Fake watsonx Orchestrate and LangGraph servers on 127.0.0.1, so the sample (and its tests, and CI's consumer
/// smoke test) run with no account. Runs look like the real ones; two of them finish a few seconds after start.
/// </summary>
public sealed partial class Sandbox : IDisposable
{
    /// <summary>The bearer token the fake WxO server expects.</summary>
    public const string Token = "sandbox-token";

    /// <summary>A WxO run that is pending, then running, then completed about 4 s after the sandbox starts.</summary>
    public const string SlowRunId = "5b1f3c2e-8d4a-4f6b-9c7e-000000000042";

    /// <summary>A LangGraph thread and run that behave the same way (the sandbox also serves threads and runs you create).</summary>
    public const string LangGraphThreadId = "877564c6-8cb2-4c73-a954-feb76656667e";

    /// <summary>See <see cref="LangGraphThreadId"/>.</summary>
    public const string LangGraphRunId = "2e980c71-3342-4616-a3f9-e388ad7e8dc8";

    private static readonly (string Id, string Status, string Agent, string? Error)[] WxORuns =
    [
        ("3c90c3cc-0d44-4b50-8888-8dd25736052a", "completed", "hr-assistant", null),
        ("7a1e9b0f-2c3d-4e5f-8a9b-0c1d2e3f4a5b", "running", "it-helpdesk", null),
        ("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", "failed", "it-helpdesk", "Tool 'create_ticket' returned 500"),
        ("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", "requires_input", "travel-agent", null),
        ("2b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e", "async_wait", "procurement", null),
        (SlowRunId, "slow", "report-writer", null),
    ];

    private readonly HttpListener _listener;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    private Sandbox(HttpListener listener, int port)
    {
        _listener = listener;
        SeedLangGraph();
        WxOUrl = $"http://127.0.0.1:{port}/wxo";
        LangGraphUrl = $"http://127.0.0.1:{port}/langgraph";
    }

    /// <summary>The fake WxO base address (a base path is kept, like the local developer edition's <c>/api</c>).</summary>
    public string WxOUrl { get; }

    /// <summary>The fake LangGraph base address.</summary>
    public string LangGraphUrl { get; }

    /// <summary>Starts the servers on a free loopback port.</summary>
    public static Sandbox Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 50)
            {
                continue;   // port taken: try another
            }

            var sandbox = new Sandbox(listener, port);
            _ = sandbox.ServeAsync();
            return sandbox;
        }
    }

    /// <summary>Stops the servers.</summary>
    public void Dispose() => _listener.Close();

    /// <summary>The slow runs' status at this moment: pending for 1 s, running until 4 s, then finished.</summary>
    private string SlowStatus(string pending, string running, string done)
    {
        var age = DateTimeOffset.UtcNow - _started;
        return age < TimeSpan.FromSeconds(1) ? pending : age < TimeSpan.FromSeconds(4) ? running : done;
    }

    private string WxORunJson(int index)
    {
        var (id, status, agent, error) = WxORuns[index];
        if (status == "slow")
        {
            status = SlowStatus("pending", "running", "completed");
        }

        var created = _started.AddMinutes(-10 * (WxORuns.Length - index)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var completed = status == "completed" ? $",\"completed_at\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\"" : string.Empty;
        var lastError = error is null ? string.Empty : $",\"last_error\":\"{error}\"";
        return $$$"""{"id":"{{{id}}}","tenant_id":"sandbox","thread_id":"0f0e0d0c-0b0a-4909-8807-060504030201","agent_id":"{{{agent}}}","status":"{{{status}}}","created_at":"{{{created}}}","started_at":"{{{created}}}"{{{completed}}}{{{lastError}}},"llm_params":{"decoding_method":"greedy","max_new_tokens":512,"stop_sequences":"[\" and \"]"}}""";
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            // Each request on its own: a stream must not hold up the others.
            _ = HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            if (!await TryLangGraphAsync(context) && !await TryWxOLifecycleAsync(context))
            {
                var (status, contentType, body) = Answer(context.Request);
                await WriteAsync(context.Response, status, body, contentType);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private (int Status, string ContentType, string Body) Answer(HttpListenerRequest request)
    {
        const string Json = "application/json";
        var path = request.Url!.AbsolutePath;
        if (path.StartsWith("/wxo/", StringComparison.Ordinal)
            && request.Headers["Authorization"] != $"Bearer {Token}")
        {
            return (401, Json, """{"detail":"Not authenticated"}""");
        }

        if (path == "/wxo/v1/orchestrate/runs")
        {
            var limit = int.TryParse(request.QueryString["limit"], out var l) ? l : 20;
            var offset = int.TryParse(request.QueryString["offset"], out var o) ? o : 0;
            var page = Enumerable.Range(offset, Math.Clamp(WxORuns.Length - offset, 0, limit)).Select(WxORunJson);
            return (200, Json, $$"""{"total":{{WxORuns.Length}},"limit":{{limit}},"offset":{{offset}},"data":[{{string.Join(",", page)}}]}""");
        }

        const string RunPrefix = "/wxo/v1/orchestrate/runs/";
        if (path.StartsWith(RunPrefix, StringComparison.Ordinal))
        {
            var index = Array.FindIndex(WxORuns, r => r.Id == Uri.UnescapeDataString(path[RunPrefix.Length..]));
            return index >= 0 ? (200, Json, WxORunJson(index)) : (404, Json, """{"detail":"Run not found"}""");
        }

        return path.StartsWith("/wxo/", StringComparison.Ordinal)
            ? (404, Json, """{"detail":"Not Found"}""")
            : (404, "text/plain;charset=UTF-8", "Not Found");
    }
}

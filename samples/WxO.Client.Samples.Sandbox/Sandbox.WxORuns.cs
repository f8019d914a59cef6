using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace WxO.Client.Samples;

/// <summary>
/// The fake Orchestrate run lifecycle: starting a run (plain or streamed), cancelling it, and its events. A started run is
/// pending for 0.5 s, running until 2 s, then completed, and answers like the listed runs.
/// </summary>
public sealed partial class Sandbox
{
    private const string WxORunsPath = "/wxo/v1/orchestrate/runs";
    private readonly ConcurrentDictionary<string, StartedRun> _startedRuns = new();

    private async Task<bool> TryWxOLifecycleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        if (!path.StartsWith(WxORunsPath, StringComparison.Ordinal) || request.Headers["Authorization"] != $"Bearer {Token}")
        {
            return false;   // the read endpoints (and the 401) are answered by Answer
        }

        // What follows ".../runs/": a run id, "cancel/{id}", "{id}/events", or nothing (the list, answered by Answer).
        var rest = path.Length > WxORunsPath.Length + 1 ? Uri.UnescapeDataString(path[(WxORunsPath.Length + 1)..]) : string.Empty;
        switch (request.HttpMethod, path)
        {
            case ("POST", WxORunsPath):
            {
                var run = await StartAsync(request);
                await WriteAsync(context.Response, 200, Ids(run, withMessage: true));
                return true;
            }

            case ("POST", WxORunsPath + "/stream"):
                await StreamAsync(context.Response, await StartAsync(request));
                return true;

            case ("POST", _) when rest.StartsWith("cancel/", StringComparison.Ordinal):
            {
                var id = rest["cancel/".Length..];
                if (!_startedRuns.TryGetValue(id, out var run))
                {
                    await WriteAsync(context.Response, 404, """{"detail":"Run not found"}""");
                }
                else if (Status(run) is "completed" or "cancelled")
                {
                    await WriteAsync(context.Response, 409, $$"""{"detail":"Run {{id}} already ended"}""");
                }
                else
                {
                    _startedRuns[id] = run with { Cancelled = true };
                    await WriteAsync(context.Response, 200, Ids(run, withMessage: false));
                }

                return true;
            }

            case ("GET", _) when rest.EndsWith("/events", StringComparison.Ordinal) && _startedRuns.TryGetValue(rest[..^"/events".Length], out var withEvents):
                await WriteAsync(context.Response, 200, $"[{string.Join(',', Events(withEvents))}]");
                return true;

            case ("GET", _) when _startedRuns.TryGetValue(rest, out var started):
                await WriteAsync(context.Response, 200, Json(started));
                return true;

            default:
                return false;
        }
    }

    private async Task<StartedRun> StartAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        using var body = JsonDocument.Parse(await reader.ReadToEndAsync());
        var root = body.RootElement;
        var message = root.GetProperty("message").GetProperty("content") is { ValueKind: JsonValueKind.String } text ? text.GetString()! : "(content items)";
        var run = new StartedRun(
            Guid.NewGuid().ToString(),
            root.TryGetProperty("thread_id", out var thread) && thread.ValueKind == JsonValueKind.String ? thread.GetString()! : Guid.NewGuid().ToString(),
            root.TryGetProperty("agent_id", out var agent) && agent.ValueKind == JsonValueKind.String ? agent.GetString()! : "default-agent",
            message,
            DateTimeOffset.UtcNow,
            Cancelled: false);
        _startedRuns[run.Id] = run;
        return run;
    }

    /// <summary>The run's events as SSE, 150 ms apart, each <c>data:</c> an <c>{id, event, data}</c> object as Orchestrate sends them.</summary>
    private async Task StreamAsync(HttpListenerResponse response, StartedRun run)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        foreach (var e in Events(run).Append("""{"id":"done","event":"done","data":{}}"""))
        {
            if (e.Contains("\"run.completed\"", StringComparison.Ordinal))
            {
                // The stream is about to tell the run's end, so the run's record says so from now on.
                _startedRuns[run.Id] = run with { Streamed = true };
            }

            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes($"data: {e}\n\n"));
            await response.OutputStream.FlushAsync();
            await Task.Delay(150);
        }

        response.Close();
    }

    private static IEnumerable<string> Events(StartedRun run)
    {
        var reply = $"You said: {run.Message}";
        var words = reply.Split(' ');
        var n = 0;
        string Event(string name, string data) => $$"""{"id":"{{++n}}","event":"{{name}}","data":{{data}}}""";
        yield return Event("run.started", $$"""{"run_id":"{{run.Id}}","thread_id":"{{run.ThreadId}}"}""");
        foreach (var word in words)
        {
            var text = JsonString(word + " ");
            yield return Event("message.delta", $$$"""{"run_id":"{{{run.Id}}}","delta":{"role":"assistant","content":[{"response_type":"text","text":{{{text}}}}]}}""");
        }

        var whole = JsonString(reply);
        yield return Event("message.created", $$$"""{"run_id":"{{{run.Id}}}","message":{"role":"assistant","content":[{"response_type":"text","text":{{{whole}}}}]}}""");
        yield return Event("run.completed", $$"""{"run_id":"{{run.Id}}","thread_id":"{{run.ThreadId}}"}""");
    }

    private static string Status(StartedRun run)
    {
        var age = DateTimeOffset.UtcNow - run.Created;
        return run.Cancelled ? "cancelled" : run.Streamed ? "completed" : age < TimeSpan.FromSeconds(0.5) ? "pending" : age < TimeSpan.FromSeconds(2) ? "running" : "completed";
    }

    private static string Json(StartedRun run)
    {
        var status = Status(run);
        var created = run.Created.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var completed = status == "completed" ? $",\"completed_at\":\"{run.Created.AddSeconds(2).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}\"" : string.Empty;
        return $$"""{"id":"{{run.Id}}","tenant_id":"sandbox","thread_id":"{{run.ThreadId}}","agent_id":"{{run.Agent}}","status":"{{status}}","created_at":"{{created}}"{{completed}}}""";
    }

    private static string Ids(StartedRun run, bool withMessage)
        => withMessage
            ? $$"""{"thread_id":"{{run.ThreadId}}","run_id":"{{run.Id}}","task_id":"{{run.Id}}-task","message_id":"{{run.Id}}-message"}"""
            : $$"""{"thread_id":"{{run.ThreadId}}","run_id":"{{run.Id}}"}""";

    private static string JsonString(string text) => JsonSerializer.Serialize(text, SandboxJsonContext.Default.String);

    private sealed record StartedRun(string Id, string ThreadId, string Agent, string Message, DateTimeOffset Created, bool Cancelled, bool Streamed = false);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class SandboxJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

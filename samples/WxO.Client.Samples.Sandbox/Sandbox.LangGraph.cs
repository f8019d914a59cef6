using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WxO.Client.Samples;

/// <summary>
/// The fake LangGraph Agent Server: threads, and runs of the graph <c>agent</c> that go through three steps 300 ms apart
/// (pending, running, then <c>success</c> with the state <c>{"input", "step": 3, "result": "done"}</c>). Create, stream,
/// wait, join, join the stream, get and list runs; read a thread and its state; search threads and assistants. Answers the way the LangGraph.js server
/// does (404 bodies as text, runs listed oldest first, <c>Content-Location</c> on what starts a run).
/// </summary>
public sealed partial class Sandbox
{
    private const string LangGraphPrefix = "/langgraph";
    private const string GraphId = "agent";
    private const string AssistantId = "fe096781-5601-53d2-b2f6-0d3403f7e9ca";
    private static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(300);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _threads = new();
    private readonly ConcurrentDictionary<Guid, GraphRun> _graphRuns = new();

    /// <summary>A run: when it started, how long it takes, and its input.</summary>
    private sealed record GraphRun(Guid RunId, Guid ThreadId, DateTimeOffset CreatedAt, TimeSpan Pending, TimeSpan Duration, string Input);

    /// <summary>The thread and run of the sample's <c>langgraph get</c>: a run that takes 4 s from the sandbox's start.</summary>
    private void SeedLangGraph()
    {
        var threadId = Guid.Parse(LangGraphThreadId);
        _threads[threadId] = _started;
        _graphRuns[Guid.Parse(LangGraphRunId)] = new GraphRun(
            Guid.Parse(LangGraphRunId), threadId, _started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), """{"topic":"sandbox"}""");
    }

    private async Task<bool> TryLangGraphAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        if (!path.StartsWith(LangGraphPrefix + "/", StringComparison.Ordinal))
        {
            return false;
        }

        // assistants/search | threads/search | threads[/{thread}[/state | /runs[/stream | /wait | /{run}[/join | /stream]]]]
        var parts = path[(LangGraphPrefix.Length + 1)..].Split('/');
        var response = context.Response;
        if (request.HttpMethod == "POST" && parts is ["assistants", "search"])
        {
            await WriteAsync(response, 200, $"[{AssistantJson()}]");
            return true;
        }

        if (request.HttpMethod == "POST" && parts is ["threads", "search"])
        {
            await SearchThreadsAsync(request, response);
            return true;
        }

        if (parts is not ["threads", ..])
        {
            await WriteAsync(response, 404, "Not Found", "text/plain;charset=UTF-8");
            return true;
        }

        if (parts.Length == 1)
        {
            await (request.HttpMethod == "POST" ? CreateThreadAsync(request, response) : WriteAsync(response, 405, "Method Not Allowed", "text/plain;charset=UTF-8"));
            return true;
        }

        if (!Guid.TryParse(parts[1], out var threadId) || !_threads.TryGetValue(threadId, out var threadCreated))
        {
            await WriteAsync(response, 404, $"Thread with ID {parts[1]} not found", "text/plain;charset=UTF-8");
            return true;
        }

        switch (request.HttpMethod, parts.Length > 2 ? parts[2] : null, parts.Length > 3 ? parts[3] : null, parts.Length > 4 ? parts[4] : null)
        {
            case ("GET", null, _, _):
                await WriteAsync(response, 200, ThreadJson(threadId, threadCreated));
                return true;
            case ("GET", "state", _, _):
                await WriteAsync(response, 200, StateJson(threadId));
                return true;
            case ("GET", "runs", null, _):
                var runs = _graphRuns.Values.Where(r => r.ThreadId == threadId).OrderBy(r => r.CreatedAt).Select(RunJson);
                await WriteAsync(response, 200, $"[{string.Join(",", runs)}]");
                return true;
            case ("POST", "runs", null or "stream" or "wait", _):
                await StartGraphRunAsync(context, threadId, parts.Length > 3 ? parts[3] : null);
                return true;
        }

        if (parts.Length < 4 || !Guid.TryParse(parts[3], out var runId) || !_graphRuns.TryGetValue(runId, out var run) || run.ThreadId != threadId)
        {
            await WriteAsync(response, 404, "Run not found", "text/plain;charset=UTF-8");
            return true;
        }

        switch (request.HttpMethod, parts.Length > 4 ? parts[4] : null)
        {
            case ("GET", null):
                await WriteAsync(response, 200, RunJson(run));
                break;
            case ("GET", "join"):
                await WaitUntilDoneAsync(run);
                await WriteAsync(response, 200, ValuesJson(run, 3));
                break;
            case ("GET", "stream"):
                await StreamGraphRunAsync(response, run, fromStep: Math.Max(1, CurrentStep(run) + 1));
                break;
            default:
                await WriteAsync(response, 405, "Method Not Allowed", "text/plain;charset=UTF-8");
                break;
        }

        return true;
    }

    /// <summary>The threads, newest first, one page (<c>limit</c>, default 10; <c>offset</c>), as LangGraph.js searches them.</summary>
    private async Task SearchThreadsAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var body = await ReadJsonAsync(request);
        var limit = body?["limit"]?.GetValue<int>() ?? 10;
        var offset = body?["offset"]?.GetValue<int>() ?? 0;
        var page = _threads.OrderByDescending(t => t.Value).Skip(offset).Take(limit).Select(t => ThreadJson(t.Key, t.Value));
        await WriteAsync(response, 200, $"[{string.Join(",", page)}]");
    }

    /// <summary>The assistant the server made for the graph <c>agent</c>.</summary>
    private string AssistantJson()
        => $$"""
            {"assistant_id":"{{AssistantId}}","graph_id":"{{GraphId}}","config":{},"context":{},"metadata":{"created_by":"system"},
             "version":1,"name":"{{GraphId}}","description":null,"created_at":"{{Timestamp(_started)}}","updated_at":"{{Timestamp(_started)}}"}
            """;

    private async Task CreateThreadAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        var body = await ReadJsonAsync(request);
        var threadId = body?["thread_id"]?.GetValue<string>() is { } id && Guid.TryParse(id, out var given) ? given : Guid.NewGuid();
        var created = _threads.GetOrAdd(threadId, _ => DateTimeOffset.UtcNow);
        await WriteAsync(response, 200, ThreadJson(threadId, created));
    }

    /// <summary>Create (background), stream or wait: the body names the graph, the run is stored, then each answers its way.</summary>
    private async Task StartGraphRunAsync(HttpListenerContext context, Guid threadId, string? kind)
    {
        var response = context.Response;
        var body = await ReadJsonAsync(context.Request);
        var assistant = body?["assistant_id"]?.GetValue<string>();
        if (assistant is not (GraphId or AssistantId))
        {
            await WriteAsync(response, 404, $"No assistant found for \"{assistant}\". Make sure the assistant ID is for a valid assistant or a valid graph ID.",
                "text/plain;charset=UTF-8");
            return;
        }

        var run = new GraphRun(Guid.NewGuid(), threadId, DateTimeOffset.UtcNow, StepDelay / 2, 3 * StepDelay, body?["input"]?.ToJsonString() ?? "null");
        _graphRuns[run.RunId] = run;
        response.Headers["Content-Location"] = $"/threads/{threadId}/runs/{run.RunId}";
        switch (kind)
        {
            case "stream" when Said(body) is { } said:
                await StreamChatAsync(response, run, $"You said: {said}");
                break;
            case "stream":
                await StreamGraphRunAsync(response, run, fromStep: 1);
                break;
            case "wait":
                await WaitUntilDoneAsync(run);
                await WriteAsync(response, 200, ValuesJson(run, 3));
                break;
            default:
                await WriteAsync(response, 200, RunJson(run));
                break;
        }
    }

    /// <summary>
    /// <c>metadata</c> with the run id, then the state after each step from <paramref name="fromStep"/>, each event when its
    /// step is done, with the step as its id.
    /// </summary>
    private static async Task StreamGraphRunAsync(HttpListenerResponse response, GraphRun run, int fromStep)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        await WriteEventAsync(response, $"event: metadata\ndata: {{\"run_id\":\"{run.RunId}\",\"attempt\":1}}\nid: 0\n\n");
        for (var step = fromStep; step <= 3; step++)
        {
            await UntilAsync(run.CreatedAt + (run.Duration * step / 3));
            await WriteEventAsync(response, $"event: values\ndata: {ValuesJson(run, step)}\nid: {step}\n\n");
        }

        response.Close();
    }

    /// <summary>
    /// What a chat client sends (<c>stream_mode</c> with <c>messages-tuple</c>, input <c>{"messages": [...]}</c>): the last
    /// message's text; null for other runs.
    /// </summary>
    private static string? Said(JsonNode? body)
        => body?["stream_mode"] is JsonArray modes && modes.Any(m => m?.GetValue<string>() == "messages-tuple")
           && body["input"]?["messages"] is JsonArray { Count: > 0 } messages && messages[^1]?["content"] is JsonValue content
           && content.TryGetValue<string>(out var text) ? text : null;

    /// <summary>
    /// The answer to a chat, word by word as a chat model streams it: <c>metadata</c>, then one <c>messages</c> event per
    /// word (<c>[AIMessageChunk, {"langgraph_node"}]</c>, as LangGraph's <c>messages-tuple</c> mode sends them) spread over
    /// the run's duration.
    /// </summary>
    private static async Task StreamChatAsync(HttpListenerResponse response, GraphRun run, string answer)
    {
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        await WriteEventAsync(response, $"event: metadata\ndata: {{\"run_id\":\"{run.RunId}\",\"attempt\":1}}\nid: 0\n\n");
        var words = answer.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            await UntilAsync(run.CreatedAt + (run.Duration * (i + 1) / words.Length));
            var chunk = JsonSerializer.Serialize(i == 0 ? words[i] : " " + words[i], SandboxJsonContext.Default.String);
            await WriteEventAsync(response,
                $$"""event: messages{{"\n"}}data: [{"type":"AIMessageChunk","id":"run-{{run.RunId}}","content":{{chunk}}},{"langgraph_node":"agent"}]{{"\n"}}id: {{i + 1}}{{"\n\n"}}""");
        }

        response.Close();
    }

    private static async Task WriteEventAsync(HttpListenerResponse response, string text)
    {
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await response.OutputStream.FlushAsync();
    }

    private static Task WaitUntilDoneAsync(GraphRun run) => UntilAsync(run.CreatedAt + run.Duration);

    /// <summary>
    /// Waits until the clock reads <paramref name="time"/>: a timer may fire a little early, and a step reported done must
    /// read done (the run's status is computed from the clock).
    /// </summary>
    private static async Task UntilAsync(DateTimeOffset time)
    {
        for (var left = time - DateTimeOffset.UtcNow; left > TimeSpan.Zero; left = time - DateTimeOffset.UtcNow)
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1));
        }
    }

    private static int CurrentStep(GraphRun run)
        => (int)Math.Clamp(Math.Floor((DateTimeOffset.UtcNow - run.CreatedAt) / run.Duration * 3), 0, 3);

    private static string GraphStatus(GraphRun run)
    {
        var age = DateTimeOffset.UtcNow - run.CreatedAt;
        return age < run.Pending ? "pending" : age < run.Duration ? "running" : "success";
    }

    private static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string ValuesJson(GraphRun run, int step)
        => $$"""{"input":{{run.Input}},"step":{{step}}{{(step == 3 ? ",\"result\":\"done\"" : string.Empty)}}}""";

    private static string RunJson(GraphRun run)
    {
        var status = GraphStatus(run);
        var updated = status == "success" ? run.CreatedAt + run.Duration : run.CreatedAt;
        return $$$"""{"run_id":"{{{run.RunId}}}","thread_id":"{{{run.ThreadId}}}","assistant_id":"{{{AssistantId}}}","created_at":"{{{Timestamp(run.CreatedAt)}}}","updated_at":"{{{Timestamp(updated)}}}","status":"{{{status}}}","metadata":{"graph_id":"{{{GraphId}}}"},"kwargs":{"input":{{{run.Input}}}},"multitask_strategy":"reject"}""";
    }

    private string ThreadJson(Guid threadId, DateTimeOffset created)
    {
        var latest = LatestRun(threadId);
        var status = latest is not null && GraphStatus(latest) != "success" ? "busy" : "idle";
        var values = latest is null ? "null" : ValuesJson(latest, CurrentStep(latest));
        return $$$"""{"thread_id":"{{{threadId}}}","created_at":"{{{Timestamp(created)}}}","updated_at":"{{{Timestamp(created)}}}","metadata":{},"status":"{{{status}}}","values":{{{values}}},"interrupts":{}}""";
    }

    /// <summary>The thread's state, written by its latest run: what <c>GetRunSnapshotAsync</c> reads to tell a finished run.</summary>
    private string StateJson(Guid threadId)
    {
        var latest = LatestRun(threadId);
        var metadata = latest is null ? "{}" : $$"""{"run_id":"{{latest.RunId}}","step":{{CurrentStep(latest)}}}""";
        var values = latest is null ? "{}" : ValuesJson(latest, CurrentStep(latest));
        var next = latest is not null && GraphStatus(latest) != "success" ? "[\"work\"]" : "[]";
        var step = latest is null ? 0 : CurrentStep(latest);
        var checkpoint = $$"""{"thread_id":"{{threadId}}","checkpoint_ns":"","checkpoint_id":"{{CheckpointId(threadId, step)}}"}""";
        return $$$"""{"values":{{{values}}},"next":{{{next}}},"tasks":[],"metadata":{{{metadata}}},"checkpoint":{{{checkpoint}}},"created_at":"{{{Timestamp(DateTimeOffset.UtcNow)}}}"}""";
    }

    /// <summary>A checkpoint id per thread and step, stable across reads (as a real server's is).</summary>
    private static Guid CheckpointId(Guid threadId, int step)
    {
        var bytes = threadId.ToByteArray();
        bytes[15] ^= (byte)(step + 1);
        return new Guid(bytes);
    }

    private GraphRun? LatestRun(Guid threadId)
        => _graphRuns.Values.Where(r => r.ThreadId == threadId).OrderByDescending(r => r.CreatedAt).FirstOrDefault();

    private static async Task<JsonNode?> ReadJsonAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        try
        {
            return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

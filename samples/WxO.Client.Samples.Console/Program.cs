// Quickstart: list and read watsonx Orchestrate runs.
//
// Against a real instance:   WXO_BASE_URL=https://api.<region>.watson-orchestrate.cloud.ibm.com/instances/<id> \
//                            WXO_BEARER_TOKEN=<token> dotnet run --project samples/WxO.Client.Samples.Console
// With no configuration it starts a small in-process sandbox server so the sample runs anywhere.
using System.Net;
using System.Text;
using WxO.Client;

var baseUrl = Environment.GetEnvironmentVariable("WXO_BASE_URL");
var token = Environment.GetEnvironmentVariable("WXO_BEARER_TOKEN");
using var sandbox = baseUrl is null ? Sandbox.Start() : null;
if (sandbox is not null)
{
    Console.WriteLine($"No WXO_BASE_URL set: using the built-in sandbox at {sandbox.Url}");
    baseUrl = sandbox.Url;
    token = "sandbox-token";
}

var client = WxORunsClient.Create(o =>
{
    o.BaseAddress = new Uri(baseUrl!);
    o.BearerToken = token;
});

try
{
    Console.WriteLine($"{"RUN ID",-38} {"STATUS",-16} CREATED");
    var first = (string?)null;
    await foreach (var run in client.EnumerateRunsAsync(pageSize: 50))
    {
        first ??= run.Id;
        Console.WriteLine($"{run.Id,-38} {run.Status,-16} {run.CreatedAt:u}");
    }

    if (first is not null)
    {
        var snapshot = await client.GetRunSnapshotAsync(new RunReference(first));
        Console.WriteLine($"\n{first}: {snapshot.State} (raw '{snapshot.RawStatus}'), terminal: {snapshot.IsTerminal}");
    }

    await client.GetRunAsync("does-not-exist");
}
catch (RunNotFoundException ex)
{
    Console.WriteLine($"As expected for an unknown id: {ex.Message}");
}

/// <summary>A tiny fake Orchestrate server on loopback, so the quickstart runs without an account.</summary>
internal sealed class Sandbox : IDisposable
{
    private static readonly string[] Statuses = ["completed", "running", "failed", "requires_input", "pending"];
    private readonly HttpListener _listener;

    private Sandbox(HttpListener listener, string url)
    {
        _listener = listener;
        Url = url;
    }

    public string Url { get; }

    public static Sandbox Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            var url = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                continue;
            }

            var sandbox = new Sandbox(listener, url);
            _ = sandbox.ServeAsync();
            return sandbox;
        }
    }

    private static string Run(int i) =>
        $$"""{"id":"00000000-0000-4000-8000-{{i:D12}}","thread_id":"11111111-0000-4000-8000-000000000001","status":"{{Statuses[i % Statuses.Length]}}","created_at":"2026-11-23T0{{i % 10}}:00:00Z"}""";

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

            var path = context.Request.Url!.AbsolutePath;
            string body;
            if (path == "/v1/orchestrate/runs")
            {
                var limit = int.Parse(context.Request.QueryString["limit"] ?? "100");
                var offset = int.Parse(context.Request.QueryString["offset"] ?? "0");
                var runs = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, 5 - offset))).Select(Run);
                body = $$"""{"total":5,"limit":{{limit}},"offset":{{offset}},"data":[{{string.Join(",", runs)}}]}""";
            }
            else if (path.StartsWith("/v1/orchestrate/runs/00000000-", StringComparison.Ordinal))
            {
                body = Run(int.Parse(path[^12..]));
            }
            else
            {
                context.Response.StatusCode = 404;
                body = """{"detail":"Run not found"}""";
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Stop();
}

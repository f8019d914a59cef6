using System.Diagnostics;
using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Authentication;

namespace WxO.Client.Samples.Console;

/// <summary>The command-line app. Separate from Program.cs so tests can run it in-process.</summary>
public static class App
{
    private const string Help = """
        Usage: WxO.Client.Samples.Console <command>

        Commands:
          list                              list watsonx Orchestrate runs
          get <runId>                       show one watsonx Orchestrate run
          wait <runId>                      wait for a watsonx Orchestrate run to finish, showing progress
          langgraph get <threadId> <runId>  show one LangGraph thread run
          sandbox                           only run the embedded sandbox and print its addresses (Ctrl+C to stop)
          --help                            this text

        Real servers (otherwise the embedded sandbox is used):
          WXO_BASE_URL        e.g. https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/<id>
          WXO_API_KEY         an IBM API key (exchanged for tokens), or
          WXO_BEARER_TOKEN    a bearer token (e.g. for the local developer edition, http://localhost:4321/api)
          LANGGRAPH_URL       e.g. http://127.0.0.1:2024
          LANGGRAPH_API_KEY   optional, sent as x-api-key
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Help);
            return args.Length == 0 ? 1 : 0;
        }

        var wxoUrl = Environment.GetEnvironmentVariable("WXO_BASE_URL");
        var langGraphUrl = Environment.GetEnvironmentVariable("LANGGRAPH_URL");
        using var sandbox = wxoUrl is null || langGraphUrl is null || args[0] == "sandbox" ? Sandbox.Start() : null;
        if (sandbox is not null)
        {
            output.WriteLine($"Using the embedded sandbox (fake WxO at {sandbox.WxOUrl}, fake LangGraph at {sandbox.LangGraphUrl}); "
                + "set WXO_BASE_URL and LANGGRAPH_URL to use real servers.");
            output.WriteLine($"  try: wait {Sandbox.SlowRunId}   |   langgraph get {Sandbox.LangGraphThreadId} {Sandbox.LangGraphRunId}");
        }

        if (args[0] == "sandbox")
        {
            output.WriteLine($"WXO_BASE_URL={sandbox!.WxOUrl}");
            output.WriteLine($"WXO_BEARER_TOKEN={Sandbox.Token}");
            output.WriteLine($"LANGGRAPH_URL={sandbox.LangGraphUrl}");
            output.WriteLine($"SLOW_RUN_ID={Sandbox.SlowRunId}");
            output.Flush();
            using var stop = new CancellationTokenSource();
            System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop serving.
            }

            return 0;
        }

        var services = new ServiceCollection();
        services
            .AddWxOClient(o =>
            {
                o.BaseAddress = new Uri(wxoUrl ?? sandbox!.WxOUrl);
                o.ApiKey = sandbox is null ? Environment.GetEnvironmentVariable("WXO_API_KEY") : null;
                o.BearerToken = sandbox is null ? Environment.GetEnvironmentVariable("WXO_BEARER_TOKEN") : Sandbox.Token;
                if (Enum.TryParse<AuthenticationMode>(Environment.GetEnvironmentVariable("WXO_AUTH_MODE"), ignoreCase: true, out var mode))
                {
                    o.AuthenticationMode = mode;
                }
            })
            .AddLangGraphClient(o => o.BaseAddress = new Uri(langGraphUrl ?? sandbox!.LangGraphUrl));
        await using var provider = services.BuildServiceProvider();

        try
        {
            return args switch
            {
                ["list"] => await ListAsync(provider.GetRequiredService<IWxORunsClient>(), output),
                ["get", var runId] => await GetAsync(provider.GetRequiredService<IWxORunsClient>(), runId, output),
                ["wait", var runId] => await WaitAsync(provider.GetRequiredService<IWxORunsClient>(), new RunReference(runId), output),
                ["langgraph", "get", var threadId, var runId] => await LangGraphGetAsync(provider.GetRequiredService<ILangGraphRunsClient>(), threadId, runId, output),
                _ => Usage(output),
            };
        }
        catch (Exception ex) when (ex is RunApiException or TimeoutException or HttpRequestException or ArgumentException
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            // Every documented failure, as one readable line; the exception types carry the details.
            output.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine(Help);
        return 1;
    }

    private static async Task<int> ListAsync(IWxORunsClient client, TextWriter output)
    {
        var table = new Table("RUN ID", "STATUS", "STATE", "CREATED", "AGENT");
        await foreach (var run in client.EnumerateRunsAsync(pageSize: 50))
        {
            var snapshot = WxORunsClient.ToSnapshot(run);
            table.Add(run.Id, run.Status?.Value ?? "-", snapshot.State.ToString(), run.CreatedAt?.ToString("u") ?? "-", run.AgentId ?? "-");
        }

        table.Write(output);
        output.WriteLine($"{table.Count} run(s).");
        return 0;
    }

    private static async Task<int> GetAsync(IWxORunsClient client, string runId, TextWriter output)
    {
        var run = await client.GetRunAsync(runId);
        var table = new Table("FIELD", "VALUE");
        table.Add("id", run.Id);
        table.Add("status", run.Status?.Value ?? "-");
        table.Add("thread", run.ThreadId ?? "-");
        table.Add("agent", run.AgentId ?? "-");
        table.Add("created", run.CreatedAt?.ToString("u") ?? "-");
        table.Add("completed", run.CompletedAt?.ToString("u") ?? "-");
        table.Add("last error", run.LastError ?? "-");
        table.Write(output);
        return 0;
    }

    private static async Task<int> WaitAsync(IRunSource source, RunReference run, TextWriter output)
    {
        // A live, redrawn line on a terminal; one line per change when the output is redirected (logs, CI).
        var live = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var clock = Stopwatch.StartNew();
        var current = "(starting)";
        RunSnapshot? final = null;
        using var stop = new CancellationTokenSource();
        var ticker = live ? TickAsync() : Task.CompletedTask;

        var polling = new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(2) };
        try
        {
            await foreach (var snapshot in source.WatchAsync(run, polling))
            {
                final = snapshot;
                current = $"{snapshot.State} ({snapshot.RawStatus})";
                if (!live)
                {
                    output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0}s  {current}");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await ticker;
        }

        output.WriteLine($"{(live ? "\n" : string.Empty)}Run {run.RunId} ended {final!.State} after {clock.Elapsed.TotalSeconds:0.0}s"
            + (final.Error is null ? "." : $": {final.Error}"));
        return final.State == RunState.Succeeded ? 0 : 3;

        async Task TickAsync()
        {
            var frames = "|/-\\";
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                output.Write($"\r{frames[i % frames.Length]} {current,-28} {clock.Elapsed.TotalSeconds,6:0.0}s");
                try
                {
                    await Task.Delay(100, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<int> LangGraphGetAsync(ILangGraphRunsClient client, string threadId, string runId, TextWriter output)
    {
        if (!Guid.TryParse(threadId, out var thread) || !Guid.TryParse(runId, out var id))
        {
            output.WriteLine("error: LangGraph thread and run ids are GUIDs.");
            return 1;
        }

        var run = await client.GetThreadRunAsync(thread, id);
        var snapshot = LangGraphRunsClient.ToSnapshot(run);
        var table = new Table("FIELD", "VALUE");
        table.Add("run_id", run.RunId.ToString());
        table.Add("thread_id", run.ThreadId.ToString());
        table.Add("assistant_id", run.AssistantId?.ToString() ?? "-");
        table.Add("status", $"{run.Status?.Value} ({snapshot.State})");
        table.Add("created_at", run.CreatedAt?.ToString("O") ?? "-");
        table.Add("updated_at", run.UpdatedAt?.ToString("O") ?? "-");
        table.Add("multitask", run.MultitaskStrategy?.Value ?? "-");
        table.Write(output);
        return 0;
    }
}

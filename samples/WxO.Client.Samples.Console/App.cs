using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WxO.Client.Samples.Console.Scenarios;

namespace WxO.Client.Samples.Console;

/// <summary>
/// The command line: parsing (System.CommandLine), which server each source talks to, and one readable line per failure.
/// Data goes to <c>output</c> (stdout); diagnostics (which servers, errors) to <c>error</c> (stderr), so piped output stays clean.
/// Exit codes: 0 success; 1 bad command line; 2 the server or the client reported an error; 3 a waited run did not succeed;
/// 130 cancelled (Ctrl+C).
/// </summary>
public static class App
{
    public const int Failed = 2;
    public const int RunDidNotSucceed = 3;
    public const int Cancelled = 130;

    /// <param name="args">The command line.</param>
    /// <param name="output">Where data goes (stdout).</param>
    /// <param name="error">Where diagnostics go (stderr).</param>
    /// <param name="environment">Reads an environment variable; tests pass their own.</param>
    /// <param name="lines">Where a chat reads the user's lines (stdin).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?>? environment = null, TextReader? lines = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        lines ??= System.Console.In;
        // Dim thinking and tool calls only on a terminal.
        var ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var runId = new Argument<string>("runId") { Description = "The run id" };
        var threadId = new Argument<Guid>("threadId") { Description = "The LangGraph thread id (a GUID)" };
        var langGraphRunId = new Argument<Guid>("runId") { Description = "The LangGraph run id (a GUID)" };

        var list = new Command("list", "List watsonx Orchestrate runs");
        list.SetAction((_, ct) => WithSources(environment, error, ct, s => ListRuns.RunAsync(s.WxO, output, ct)));

        var get = new Command("get", "Show one watsonx Orchestrate run") { runId };
        RequireRunId(get, runId);
        get.SetAction((p, ct) => WithSources(environment, error, ct, s => GetRun.RunAsync(s.WxO, p.GetValue(runId)!, output, ct)));

        var wait = new Command("wait", "Wait for a watsonx Orchestrate run to finish, one line per change of state") { runId };
        RequireRunId(wait, runId);
        wait.SetAction((p, ct) => WithSources(environment, error, ct, s => WaitForRun.RunAsync(s.WxO, new RunReference(p.GetValue(runId)!), output, ct)));

        var langGraphGet = new Command("get", "Show one LangGraph thread run") { threadId, langGraphRunId };
        langGraphGet.SetAction((p, ct) => WithSources(environment, error, ct,
            s => LangGraphGetRun.RunAsync(s.LangGraph, p.GetValue(threadId), p.GetValue(langGraphRunId), output, ct)));
        var graphId = new Argument<string>("graphId") { Description = "The graph id (as in langgraph.json) or an assistant id" };
        var input = new Option<string?>("--input") { Description = "The run's input as JSON, e.g. '{\"topic\":\"cats\"}'" };
        var langGraphRun = new Command("run", "Start a LangGraph run on a new thread and print its events as they arrive") { graphId, input };
        langGraphRun.Validators.Add(result =>
        {
            if (result.GetValue(input) is { } text && !IsJson(text))
            {
                result.AddError($"--input is not valid JSON: {text}");
            }
        });
        langGraphRun.SetAction((p, ct) => WithSources(environment, error, ct, s => LangGraphStreamRun.RunAsync(
            s.LangGraph, p.GetValue(graphId)!, p.GetValue(input) is { } text ? JsonNode.Parse(text) : null, output, ct)));
        var langGraphAssistants = new Command("assistants", "List the LangGraph server's assistants (its graphs and their configurations)");
        langGraphAssistants.SetAction((_, ct) => WithSources(environment, error, ct, s => LangGraphAssistants.RunAsync(s.LangGraph, output, ct)));
        var limit = new Option<int>("--limit") { Description = "How many threads to show, newest first", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--limit must be between 1 and 10000.");
            }
        });
        var langGraphThreads = new Command("threads", "List the LangGraph server's threads, newest first") { limit };
        langGraphThreads.SetAction((p, ct) => WithSources(environment, error, ct, s => LangGraphThreads.RunAsync(s.LangGraph, p.GetValue(limit), output, ct)));
        var stateThreadId = new Argument<Guid>("threadId") { Description = "The LangGraph thread id (a GUID)" };
        var langGraphState = new Command("state", "Show a LangGraph thread's state: its values, what runs next, what its graph asks") { stateThreadId };
        langGraphState.SetAction((p, ct) => WithSources(environment, error, ct, s => LangGraphState.RunAsync(s.LangGraph, p.GetValue(stateThreadId), output, ct)));
        var langGraph = new Command("langgraph", "LangGraph Agent Server runs, threads and assistants")
        {
            langGraphGet, langGraphRun, langGraphAssistants, langGraphThreads, langGraphState,
        };

        var agentId = new Argument<string>("agentId") { Description = "The Orchestrate agent id" };
        var message = new Argument<string>("message") { Description = "The message to send" };
        var wxoRun = new Command("run", "Send a message to an Orchestrate agent, print the reply as it streams, then the run's status") { agentId, message };
        wxoRun.SetAction((p, ct) => WithSources(environment, error, ct, s => WxOStreamRun.RunAsync(s.WxO, p.GetValue(agentId)!, p.GetValue(message)!, output, ct)));
        var wxo = new Command("wxo", "watsonx Orchestrate runs you start") { wxoRun };

        var chatAgentId = new Argument<string>("agentId") { Description = "The Orchestrate agent id" };
        var chatWxO = new Command("wxo", "Chat with an Orchestrate agent") { chatAgentId };
        chatWxO.SetAction((p, ct) => WithSources(environment, error, ct,
            s => Chat.RunAsync(s.WxO.AsAIAgent(p.GetValue(chatAgentId)!), lines, output, ansi, ct)));
        var chatGraphId = new Argument<string>("graphId") { Description = "The graph id (as in langgraph.json) or an assistant id" };
        var chatLangGraph = new Command("langgraph", "Chat with a LangGraph graph whose state is MessagesAnnotation") { chatGraphId };
        chatLangGraph.SetAction((p, ct) => WithSources(environment, error, ct,
            s => Chat.RunAsync(s.LangGraph.AsAIAgent(p.GetValue(chatGraphId)!), lines, output, ansi, ct)));
        var chat = new Command("chat", "Talk to an agent: its reply prints as it is written; Ctrl+C stops a reply, an empty line ends the chat")
        {
            chatWxO, chatLangGraph,
        };

        var sandbox = new Command("sandbox", "Only run the embedded sandbox and print its addresses as environment variables (Ctrl+C to stop)");
        sandbox.SetAction((_, ct) => ServeSandboxAsync(output, ct));

        var root = new RootCommand("""
            WxO.Client sample: read, wait for and chat with runs of IBM watsonx Orchestrate and a LangGraph Agent Server.
            Each source uses a real server when its variables are set, else the embedded sandbox (fake servers on 127.0.0.1):
              WXO_BASE_URL + WXO_API_KEY (IBM API key) or WXO_BEARER_TOKEN, optional WXO_AUTH_MODE
              LANGGRAPH_URL, optional LANGGRAPH_API_KEY (sent as x-api-key)
            Exit codes: 0 success, 1 bad command line, 2 server or client error, 3 the run did not succeed, 130 cancelled.
            """)
        {
            list, get, wait, wxo, langGraph, chat, sandbox,
        };

        var parsed = root.Parse(args);
        if (parsed.Action is ParseErrorAction parseError)
        {
            // A usage error is a diagnostic: its lines go to stderr only, and stdout stays empty.
            parseError.ShowHelp = false;
        }

        // Ctrl+C cancels the token the scenarios get, so they end cleanly (exit code 130) rather than being killed mid-line.
        // A chat handles Ctrl+C itself: it stops the reply being written, not the chat.
        var chatting = parsed.CommandResult.Command.Parents.Contains(chat);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration
        {
            Output = output, Error = error, ProcessTerminationTimeout = chatting ? null : TimeSpan.FromSeconds(5),
        });
        if (parsed.Errors.Count > 0)
        {
            await error.WriteLineAsync("Add --help for usage.");
        }

        return exit;
    }

    private static bool IsJson(string text)
    {
        try
        {
            JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"missing &lt;runId&gt;" instead of System.CommandLine's generic "Required argument missing".</summary>
    private static void RequireRunId(Command command, Argument<string> runId)
        => command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(runId)))
            {
                result.AddError($"missing <runId>: '{command.Name}' needs the id of a watsonx Orchestrate run.");
            }
        });

    /// <summary>Builds the two sources, runs the scenario, and turns every documented failure into one line on stderr.</summary>
    private static async Task<int> WithSources(Func<string, string?> environment, TextWriter error, CancellationToken cancellationToken, Func<Sources, Task<int>> scenario)
    {
        try
        {
            await using var sources = Sources.Create(environment, error);
            return await scenario(sources);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled.");
            return Cancelled;
        }
        catch (Exception ex) when (ex is RunApiException or TimeoutException or HttpRequestException or ArgumentException or OptionsValidationException
            or UriFormatException)
        {
            // The exception types carry the details; one line is what a person at a terminal needs.
            await error.WriteLineAsync($"error: {ex.Message}");
            return Failed;
        }
    }

    private static async Task<int> ServeSandboxAsync(TextWriter output, CancellationToken cancellationToken)
    {
        using var sandbox = Sandbox.Start();
        await output.WriteLineAsync($"WXO_BASE_URL={sandbox.WxOUrl}");
        await output.WriteLineAsync($"WXO_BEARER_TOKEN={Sandbox.Token}");
        await output.WriteLineAsync($"LANGGRAPH_URL={sandbox.LangGraphUrl}");
        await output.WriteLineAsync($"SLOW_RUN_ID={Sandbox.SlowRunId}");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop serving.
        }

        return 0;
    }

    /// <summary>
    /// The WxO and LangGraph clients, each configured on its own: a real server where its variables are set, the sandbox
    /// otherwise. The first line on stderr says which is which; the sandbox's token never goes to a real server.
    /// </summary>
    private sealed class Sources : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly Sandbox? _sandbox;

        private Sources(ServiceProvider provider, Sandbox? sandbox)
        {
            _provider = provider;
            _sandbox = sandbox;
        }

        public IWxORunsClient WxO => _provider.GetRequiredService<IWxORunsClient>();

        public ILangGraphRunsClient LangGraph => _provider.GetRequiredService<ILangGraphRunsClient>();

        public static Sources Create(Func<string, string?> environment, TextWriter error)
        {
            var wxoUrl = environment("WXO_BASE_URL");
            var langGraphUrl = environment("LANGGRAPH_URL");
            var sandbox = wxoUrl is null || langGraphUrl is null ? Sandbox.Start() : null;
            error.WriteLine($"WxO: {(wxoUrl is null ? $"embedded sandbox at {sandbox!.WxOUrl}" : wxoUrl)}; "
                + $"LangGraph: {(langGraphUrl is null ? $"embedded sandbox at {sandbox!.LangGraphUrl}" : langGraphUrl)}"
                + (sandbox is null ? string.Empty : $"  (try: wait {Sandbox.SlowRunId})"));

            var services = new ServiceCollection();
            services
                .AddWxOClient(o =>
                {
                    o.BaseAddress = new Uri(wxoUrl ?? sandbox!.WxOUrl);
                    if (wxoUrl is null)
                    {
                        o.BearerToken = Sandbox.Token;
                        return;
                    }

                    o.ApiKey = environment("WXO_API_KEY");
                    o.BearerToken = environment("WXO_BEARER_TOKEN");
                    if (Enum.TryParse<WxO.Client.Authentication.AuthenticationMode>(environment("WXO_AUTH_MODE"), ignoreCase: true, out var mode))
                    {
                        o.AuthenticationMode = mode;
                    }
                })
                .AddLangGraphClient(o =>
                {
                    o.BaseAddress = new Uri(langGraphUrl ?? sandbox!.LangGraphUrl);
                    o.ApiKey = langGraphUrl is null ? null : environment("LANGGRAPH_API_KEY");
                    o.ReadApiKeyFromEnvironment = false;
                });
            return new Sources(services.BuildServiceProvider(), sandbox);
        }

        public async ValueTask DisposeAsync()
        {
            await _provider.DisposeAsync();
            _sandbox?.Dispose();
        }
    }
}

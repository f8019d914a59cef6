using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Samples;
using WxO.Client.Samples.Console;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>The console sample, run in-process; with no configuration, against its embedded sandbox.</summary>
public sealed class ConsoleSampleTests
{
    private static readonly Dictionary<string, string?> NoConfiguration = [];

    private static async Task<(int Exit, string[] Output, string[] Error)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
        => await ChatAsync(environment, string.Empty, args);

    /// <summary>Runs the sample with <paramref name="typed"/> as what the user types.</summary>
    private static async Task<(int Exit, string[] Output, string[] Error)> ChatAsync(IReadOnlyDictionary<string, string?> environment, string typed, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await App.RunAsync(args, output, error, name => environment.GetValueOrDefault(name), new StringReader(typed));
        return (exit, Lines(output), Lines(error));

        static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task<(int Exit, string[] Output, string[] Error)> RunAsync(params string[] args) => RunAsync(NoConfiguration, args);

    [Fact]
    public async Task List_prints_only_data_on_stdout_and_says_on_stderr_that_both_sources_are_the_sandbox()
    {
        var (exit, output, error) = await RunAsync("list");

        Assert.Equal(0, exit);
        Assert.StartsWith("WxO: embedded sandbox at http://127.0.0.1:", error[0]);
        Assert.Contains("LangGraph: embedded sandbox at http://127.0.0.1:", error[0]);
        Assert.StartsWith("RUN ID", output[0]);
        Assert.Contains("STATE", output[0]);
        Assert.Contains(output, l => l.Contains("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a") && l.Contains("Failed"));
        Assert.Contains(output, l => l.Contains(Sandbox.SlowRunId));
        Assert.Equal("6 run(s).", output[^1]);
        Assert.Equal(9, output.Length);   // header, rule, six runs, count: no banner mixed into the data
    }

    [Fact]
    public async Task Wait_on_the_slow_run_shows_each_change_and_ends_Succeeded()
    {
        var (exit, output, _) = await RunAsync("wait", Sandbox.SlowRunId);

        Assert.Equal(0, exit);
        var progress = output.Where(l => l.EndsWith(')')).ToList();   // "  0.1s  Pending (pending)"
        Assert.True(progress.Count >= 2, string.Join('\n', output));
        Assert.Contains("Succeeded (completed)", progress[^1]);
        Assert.StartsWith($"Run {Sandbox.SlowRunId} ended Succeeded", output[^1]);
    }

    [Fact]
    public async Task LangGraph_get_prints_the_run()
    {
        var (exit, output, _) = await RunAsync("langgraph", "get", Sandbox.LangGraphThreadId, Sandbox.LangGraphRunId);

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.StartsWith("run_id", StringComparison.Ordinal) && l.Contains(Sandbox.LangGraphRunId));
        Assert.Contains(output, l => l.StartsWith("multitask", StringComparison.Ordinal) && l.Contains("reject"));
    }

    [Fact]
    public async Task LangGraph_assistants_lists_the_deployed_graph()
    {
        var (exit, output, _) = await RunAsync("langgraph", "assistants");

        Assert.Equal(0, exit);
        Assert.Equal(["ASSISTANT_ID", "GRAPH", "NAME", "VERSION", "UPDATED_AT"], output[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["fe096781-5601-53d2-b2f6-0d3403f7e9ca", "agent", "agent", "1"], output[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);
        Assert.Equal(3, output.Length);
    }

    [Fact]
    public async Task LangGraph_threads_lists_the_threads_newest_first_up_to_the_limit()
    {
        using var sandbox = Sandbox.Start();
        var environment = new Dictionary<string, string?> { ["LANGGRAPH_URL"] = sandbox.LangGraphUrl };
        var (_, ran, _) = await RunAsync(environment, "langgraph", "run", "agent");
        var newest = ran[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

        var (exit, output, _) = await RunAsync(environment, "langgraph", "threads", "--limit", "1");
        var (_, all, _) = await RunAsync(environment, "langgraph", "threads");

        Assert.Equal(0, exit);
        Assert.Equal(3, output.Length);
        Assert.StartsWith(newest, output[2], StringComparison.Ordinal);
        Assert.Contains(all, l => l.StartsWith(Sandbox.LangGraphThreadId, StringComparison.Ordinal));
        Assert.Equal(4, all.Length);
    }

    [Fact]
    public async Task LangGraph_state_prints_the_checkpoint_what_runs_next_and_the_values()
    {
        var (exit, output, _) = await RunAsync("langgraph", "state", Sandbox.LangGraphThreadId);

        Assert.Equal(0, exit);
        Assert.Matches("^checkpoint +[0-9a-f-]{36}$", output[2]);
        Assert.Contains(output, l => l.StartsWith("next", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("\"topic\": \"sandbox\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LangGraph_run_prints_the_thread_the_events_the_final_state_then_the_run()
    {
        var (exit, output, _) = await RunAsync("langgraph", "run", "agent", "--input", """{"topic":"cats"}""");

        Assert.Equal(0, exit);
        Assert.Matches("^thread +[0-9a-f-]{36}$", output[0]);
        Assert.StartsWith("metadata", output[1]);
        Assert.Equal(["values", "values", "values"], output[2..5].Select(l => l.Split(' ')[0]));
        Assert.Equal("""final state: {"input":{"topic":"cats"},"step":3,"result":"done"}""", output[^2]);
        Assert.Matches($"^Run [0-9a-f-]{{36}} on thread {output[0].Split(' ')[^1]}: success$", output[^1]);
    }

    [Fact]
    public async Task The_ids_langgraph_run_prints_are_the_ones_langgraph_get_and_the_sandbox_know()
    {
        using var sandbox = Sandbox.Start();
        var environment = new Dictionary<string, string?> { ["LANGGRAPH_URL"] = sandbox.LangGraphUrl };

        var (runExit, ran, _) = await RunAsync(environment, "langgraph", "run", "agent");
        var ids = ran[^1].Split(' ');   // "Run <run> on thread <thread>: success"
        var (getExit, got, _) = await RunAsync(environment, "langgraph", "get", ids[4].TrimEnd(':'), ids[1]);

        Assert.Equal((0, 0), (runExit, getExit));
        Assert.Contains(got, l => l.StartsWith("run_id", StringComparison.Ordinal) && l.Contains(ids[1]));
        Assert.Contains(got, l => l.StartsWith("status", StringComparison.Ordinal) && l.Contains("success"));
    }

    [Fact]
    public async Task Wxo_run_streams_the_reply_then_prints_the_runs_final_status()
    {
        var (exit, output, _) = await RunAsync("wxo", "run", "hr-assistant", "How many vacation days do I have?");

        Assert.Equal(0, exit);
        Assert.Equal("You said: How many vacation days do I have?", output[0]);
        Assert.Matches("^Run [0-9a-f-]{36} on thread [0-9a-f-]{36}: completed$", output[^1]);
    }

    [Fact]
    public async Task LangGraph_run_with_input_that_is_not_JSON_is_a_usage_error()
    {
        var (exit, output, error) = await RunAsync("langgraph", "run", "agent", "--input", "{oops");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(error, l => l.Contains("--input is not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_run_is_one_readable_error_line_on_stderr_and_exit_code_2()
    {
        var (exit, output, error) = await RunAsync("get", "no-such-run");

        Assert.Equal(App.Failed, exit);
        Assert.Empty(output);
        Assert.Equal("error: GET /wxo/v1/orchestrate/runs/no-such-run failed with 404 Not Found: Run not found", error[^1]);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("wait")]
    public async Task A_missing_run_id_is_a_usage_error_before_any_server_starts(string command)
    {
        var (exit, output, error) = await RunAsync(command);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(error, l => l.Contains("runId", StringComparison.Ordinal));
        Assert.DoesNotContain(error, l => l.Contains("sandbox", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_LangGraph_id_that_is_not_a_guid_is_a_usage_error()
    {
        var (exit, _, error) = await RunAsync("langgraph", "get", "not-a-guid", Sandbox.LangGraphRunId);

        Assert.Equal(1, exit);
        Assert.Contains(error, l => l.Contains("not-a-guid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_exits_0_and_an_unknown_command_exits_1()
    {
        var (helpExit, help, _) = await RunAsync("--help");
        Assert.Equal(0, helpExit);
        Assert.Contains(help, l => l.StartsWith("Usage:", StringComparison.Ordinal));

        var (exit, _, error) = await RunAsync("frobnicate");
        Assert.Equal(1, exit);
        Assert.Contains(error, l => l.Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_WxO_server_gets_the_users_token_while_LangGraph_stays_on_the_sandbox()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r1").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"id":"r1","status":"completed"}"""));
        var environment = new Dictionary<string, string?> { ["WXO_BASE_URL"] = server.Url, ["WXO_BEARER_TOKEN"] = "user-token" };

        var (exit, output, error) = await RunAsync(environment, "get", "r1");

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.StartsWith("status", StringComparison.Ordinal) && l.Contains("completed"));
        Assert.StartsWith($"WxO: {server.Url}; LangGraph: embedded sandbox at", error[0]);
        var request = Assert.Single(server.LogEntries).RequestMessage!;
        Assert.Equal("Bearer user-token", request.Headers!["Authorization"]!.Single());
    }

    [Theory]
    [InlineData("wxo", "my-agent")]
    [InlineData("langgraph", "agent")]
    public async Task Chat_prints_each_reply_of_the_sandbox_agent_on_one_conversation(string server, string agent)
    {
        var (exit, output, _) = await ChatAsync(NoConfiguration, "hello\nagain\n\n", "chat", server, agent);

        Assert.Equal(0, exit);
        Assert.Equal($"Chatting with {agent}. An empty line ends the chat; Ctrl+C stops a reply.", output[0]);
        Assert.Equal(["You said: hello", "You said: again"], output.Skip(1).Take(2).Select(l => l.Replace($"you> {agent}> ", "", StringComparison.Ordinal).Trim()));
    }

    [Fact]
    public async Task Chat_asks_the_user_what_the_agent_asks_and_sends_the_answer_on_the_same_thread()
    {
        using var server = WireMockServer.Start();
        static string Sse(params string[] events) => string.Concat(events.Select(e => $"data: {e}\n\n"));
        server.Given(Request.Create().WithPath("/v1/orchestrate/runs/stream").UsingPost()).InScenario("chat").WillSetStateTo("asked")
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(Sse(
                """{"id":"1","event":"run.started","data":{"run_id":"r-1","thread_id":"t-1"}}""",
                """{"id":"2","event":"message.interrupt","data":{"message":{"content":[{"response_type":"text","text":"Which city?"}]}}}""",
                """{"id":"3","event":"done","data":{}}""")));
        server.Given(Request.Create().WithPath("/v1/orchestrate/runs/stream").UsingPost()).InScenario("chat").WhenStateIs("asked")
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(Sse(
                """{"id":"1","event":"run.started","data":{"run_id":"r-2","thread_id":"t-1"}}""",
                """{"id":"2","event":"run.step.thinking","data":{"message":{"text":"checking"}}}""",
                """{"id":"3","event":"message.delta","data":{"delta":{"content":[{"response_type":"text","text":"Sunny."}]}}}""",
                """{"id":"4","event":"done","data":{}}""")));
        var environment = new Dictionary<string, string?> { ["WXO_BASE_URL"] = server.Url, ["WXO_BEARER_TOKEN"] = "t", ["LANGGRAPH_URL"] = "http://127.0.0.1:1" };

        var (exit, output, _) = await ChatAsync(environment, "weather?\nParis\n\n", "chat", "wxo", "a-1");

        Assert.Equal(0, exit);
        Assert.Contains(output, l => l.EndsWith("Which city? > a-1> (checking) Sunny.", StringComparison.Ordinal));
        var second = System.Text.Json.JsonDocument.Parse(server.LogEntries.ElementAt(1).RequestMessage!.Body!).RootElement;
        Assert.Equal(("Paris", "t-1"), (second.GetProperty("message").GetProperty("content").GetString(), second.GetProperty("thread_id").GetString()));
    }
}

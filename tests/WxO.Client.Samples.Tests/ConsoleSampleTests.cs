using WxO.Client.Samples.Console;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>The console sample, run in-process with no configuration, so against its embedded sandbox.</summary>
public sealed class ConsoleSampleTests
{
    private static async Task<(int Exit, string[] Lines)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await App.RunAsync(args, output);
        return (exit, output.ToString().Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task List_says_it_uses_the_sandbox_first_and_prints_its_runs()
    {
        var (exit, lines) = await RunAsync("list");

        Assert.Equal(0, exit);
        Assert.StartsWith("Using the embedded sandbox", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("RUN ID", StringComparison.Ordinal) && l.Contains("STATE"));
        Assert.Contains(lines, l => l.Contains("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a") && l.Contains("Failed"));
        Assert.Contains(lines, l => l.Contains(Sandbox.SlowRunId));
        Assert.Equal("6 run(s).", lines[^1]);
    }

    [Fact]
    public async Task Wait_on_the_slow_run_shows_progress_and_ends_Succeeded()
    {
        var (exit, lines) = await RunAsync("wait", Sandbox.SlowRunId);

        Assert.Equal(0, exit);
        var progress = lines.Where(l => l.EndsWith(')')).ToList();   // "  0.1s  Pending (pending)"
        Assert.True(progress.Count >= 2, string.Join('\n', lines));
        Assert.Contains("Succeeded (completed)", progress[^1]);
        Assert.StartsWith($"Run {Sandbox.SlowRunId} ended Succeeded", lines[^1]);
    }

    [Fact]
    public async Task LangGraph_get_prints_the_run()
    {
        var (exit, lines) = await RunAsync("langgraph", "get", Sandbox.LangGraphThreadId, Sandbox.LangGraphRunId);

        Assert.Equal(0, exit);
        Assert.Contains(lines, l => l.StartsWith("run_id", StringComparison.Ordinal) && l.Contains(Sandbox.LangGraphRunId));
        Assert.Contains(lines, l => l.StartsWith("multitask", StringComparison.Ordinal) && l.Contains("reject"));
    }

    [Fact]
    public async Task Unknown_run_is_one_readable_error_line_and_a_non_zero_exit()
    {
        var (exit, lines) = await RunAsync("get", "no-such-run");

        Assert.Equal(2, exit);
        Assert.Equal("error: GET /wxo/v1/orchestrate/runs/no-such-run failed with 404 Not Found: Run not found", lines[^1]);
    }

    [Fact]
    public async Task Help_and_bad_commands_print_usage()
    {
        Assert.Equal(0, (await RunAsync("--help")).Exit);
        var (exit, lines) = await RunAsync("frobnicate");
        Assert.Equal(1, exit);
        Assert.Contains(lines, l => l.StartsWith("Usage:", StringComparison.Ordinal));
    }
}

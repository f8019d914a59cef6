using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// The tests that need the real server share one, and only they start it: without Node.js every other test of this
/// assembly (WireMock, DI, spec, observability) still runs, and these fail with what to install.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LangGraphServerCollection : ICollectionFixture<LangGraphServerFixture>
{
    public const string Name = "LangGraph Agent Server";
}

/// <summary>
/// Runs the real LangGraph Agent Server (<c>langgraphjs dev</c>, npm <c>@langchain/langgraph-api</c>) from
/// <c>tests/LangGraph.Client.Tests/server</c> on a free loopback port, once for the tests of <see cref="LangGraphServerCollection"/>.
/// Installs its npm packages from the committed lock on first use, and kills the whole process tree at the end.
/// </summary>
public sealed class LangGraphServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(120);
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    private static string ServerDirectory => typeof(LangGraphServerFixture).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LangGraphServerDirectory").Value!;

    public async ValueTask InitializeAsync()
    {
        await RequireToolAsync("node", "--version");
        await RequireToolAsync("npm", "--version");
        if (!Directory.Exists(Path.Combine(ServerDirectory, "node_modules")))
        {
            // Exactly the versions in the committed package-lock.json (package.json pins versions whose peer ranges agree).
            await RunToCompletionAsync("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(10));
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _process = Start("npx", $"langgraphjs dev --no-browser --host 127.0.0.1 --port {port}");

        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The LangGraph server exited with code {_process.ExitCode} during startup:\n{Output}");
            }

            try
            {
                using var ok = await Http.GetAsync("/ok");
                if (ok.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The LangGraph server did not answer GET /ok within {StartupTimeout}:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            // npx starts node, which starts its own workers: only the whole tree leaves no orphan behind.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>Creates a thread and a run on it with the given graph input; returns the server's own JSON for the run.</summary>
    public async Task<JsonElement> CreateRunAsync(object input)
    {
        using var thread = await Http.PostAsJsonAsync("/threads", new { });
        thread.EnsureSuccessStatusCode();
        var threadId = (await thread.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("thread_id").GetString();
        using var run = await Http.PostAsJsonAsync($"/threads/{threadId}/runs", new { assistant_id = "agent", input });
        run.EnsureSuccessStatusCode();
        return await run.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The server's raw JSON for a run, read with plain HTTP.</summary>
    public async Task<JsonElement> GetRunJsonAsync(Guid threadId, Guid runId)
        => await Http.GetFromJsonAsync<JsonElement>($"/threads/{threadId}/runs/{runId}");

    /// <summary>Waits (real time, bounded) until the server reports one of <paramref name="statuses"/>.</summary>
    public async Task<JsonElement> WaitForStatusAsync(Guid threadId, Guid runId, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var run = await GetRunJsonAsync(threadId, runId);
            if (statuses.Contains(run.GetProperty("status").GetString()) || DateTime.UtcNow > deadline)
            {
                return run;
            }

            await Task.Delay(100);
        }
    }

    private Process Start(string fileName, string arguments)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = ServerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Keep the server offline and quiet: no tracing upload, no telemetry.
        info.Environment["LANGSMITH_TRACING"] = "false";
        info.Environment["LANGCHAIN_TRACING_V2"] = "false";
        info.Environment["NO_COLOR"] = "1";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Keep the tail only: the server logs every request.
            if (_output.Length > 64_000)
            {
                _output.Remove(0, 32_000);
            }

            _output.AppendLine(line);
        }
    }

    private async Task RunToCompletionAsync(string fileName, string arguments, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments);
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {timeout}:\n{Output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {arguments}' failed with exit code {process.ExitCode}:\n{Output}");
        }
    }

    private static async Task RequireToolAsync(string tool, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
            await process.WaitForExitAsync();
            if (process.ExitCode == 0)
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Not on PATH: reported below.
        }

        throw new InvalidOperationException(
            $"The LangGraph integration tests need Node.js 20+ and npm on PATH ('{tool}' was not found or failed). "
            + "Install them (for example 'apt-get install nodejs npm', or from nodejs.org) and run the tests again.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

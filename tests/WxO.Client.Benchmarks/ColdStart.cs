using System.Diagnostics;
using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace WxO.Client.Benchmarks;

/// <summary>
/// (7) Cold start: a new process, from start to exit after its first GetRun over loopback. Target (JIT, via DI) ≤ 1.4× raw.
/// Each operation starts a process, so runtime start-up (the same for every row) is in every row; compare ratios.
/// The sample rows run the console sample's <c>get</c> command (System.CommandLine, DI, both clients) as a JIT build,
/// ReadyToRun and Native AOT: what an app that cares about start-up can choose (docs/PERFORMANCE.md).
/// </summary>
public class ColdStart
{
    private KestrelServer _server = null!;
    private string _self = null!;
    private string _sampleJit = null!;
    private string _sampleReadyToRun = null!;
    private string _sampleAot = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await KestrelServer.StartAsync();
        _self = typeof(ColdStart).Assembly.Location;
        var root = RepositoryRoot();
        var sample = Path.Combine(root, "samples", "WxO.Client.Samples.Console");
        var output = Path.Combine(root, "artifacts", "coldstart");
        // Published once, reused by every benchmark process of the run (BenchmarkDotNet starts one per row).
        _sampleJit = Publish(sample, Path.Combine(output, "jit"), "-p:PublishAot=false", "WxO.Client.Samples.Console.dll");
        _sampleReadyToRun = Publish(sample, Path.Combine(output, "r2r"), "-r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true", "WxO.Client.Samples.Console.dll");
        _sampleAot = Publish(sample, Path.Combine(output, "aot"), "-r linux-x64", "WxO.Client.Samples.Console");
    }

    [GlobalCleanup]
    public async Task Cleanup() => await _server.DisposeAsync();

    [Benchmark(Baseline = true)]
    public void Raw() => Launch("dotnet", $"\"{_self}\" --cold-start raw {_server.Address}");

    [Benchmark]
    public void Sdk() => Launch("dotnet", $"\"{_self}\" --cold-start sdk {_server.Address}");

    [Benchmark]
    public void SdkCreate() => Launch("dotnet", $"\"{_self}\" --cold-start sdk-create {_server.Address}");

    [Benchmark]
    public void NSwag() => Launch("dotnet", $"\"{_self}\" --cold-start nswag {_server.Address}");

    [Benchmark]
    public void SampleJit() => Launch("dotnet", $"\"{_sampleJit}\" get {ColdStartChild.RunId}");

    [Benchmark]
    public void SampleReadyToRun() => Launch("dotnet", $"\"{_sampleReadyToRun}\" get {ColdStartChild.RunId}");

    [Benchmark]
    public void SampleNativeAot() => Launch(_sampleAot, $"get {ColdStartChild.RunId}");

    private void Launch(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        // The sample uses these servers instead of its embedded sandbox.
        start.Environment["WXO_BASE_URL"] = _server.Address.ToString();
        start.Environment["WXO_BEARER_TOKEN"] = Payloads.Token;
        start.Environment["LANGGRAPH_URL"] = _server.Address.ToString();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {stdout.Result} {stderr}");
        }
    }

    private static string Publish(string project, string output, string options, string entry)
    {
        var path = Path.Combine(output, entry);
        if (File.Exists(path))
        {
            return path;
        }

        var publish = Process.Start(new ProcessStartInfo("dotnet", $"publish \"{project}\" -c Release {options} -o \"{output}\"") { RedirectStandardOutput = true })!;
        var log = publish.StandardOutput.ReadToEnd();
        publish.WaitForExit();
        return publish.ExitCode == 0 && File.Exists(path) ? path : throw new InvalidOperationException($"publish failed: {log}");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WxO.Client.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("WxO.Client.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The child process of <see cref="ColdStart"/>: one GetRun, then exit (0 when the run came back).</summary>
internal static class ColdStartChild
{
    public const string RunId = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args is not ["--cold-start", var mode, var url])
        {
            return false;
        }

        var address = new Uri(url);
        var id = mode switch
        {
            "raw" => RawAsync(address).GetAwaiter().GetResult(),
            "sdk" => SdkAsync(address).GetAwaiter().GetResult(),
            "sdk-create" => SdkCreateAsync(address).GetAwaiter().GetResult(),
            "nswag" => NSwagAsync(address).GetAwaiter().GetResult(),
            _ => throw new ArgumentException($"unknown mode {mode}"),
        };
        exitCode = id == RunId ? 0 : 1;
        return true;
    }

    private static async Task<string> RawAsync(Uri address)
    {
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Payloads.Token);
        return (await Clients.RawGetAsync(http, $"v1/orchestrate/runs/{RunId}", BaselineJsonContext.Default.RawAssistantRun)).Id;
    }

    private static async Task<string> SdkAsync(Uri address)
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o =>
        {
            o.BaseAddress = address;
            o.BearerToken = Payloads.Token;
        });
        await using var provider = services.BuildServiceProvider();
        return (await provider.GetRequiredService<IWxORunsClient>().GetRunAsync(RunId)).Id;
    }

    /// <summary>Without dependency injection: <c>WxORunsClient.Create</c>.</summary>
    private static async Task<string> SdkCreateAsync(Uri address)
    {
        await using var client = WxORunsClient.Create(o =>
        {
            o.BaseAddress = address;
            o.BearerToken = Payloads.Token;
        });
        return (await client.GetRunAsync(RunId)).Id;
    }

    private static async Task<string> NSwagAsync(Uri address)
    {
        using var handler = new HttpClientHandler();
        return (await Clients.NSwag(address, handler).Get_Orchestrate_Assistant_Run_v1_orchestrate_runs__run_id__getAsync(RunId)).Id.ToString();
    }
}

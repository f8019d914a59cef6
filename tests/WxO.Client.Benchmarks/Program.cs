using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/WxO.Client.Benchmarks -- --filter '*'
// Every class pairs the SDK with a hand-written HttpClient + System.Text.Json source-generation baseline
// reading the same bytes, so each row's Ratio is SDK/baseline measured in the same run.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12).WithLaunchCount(1))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using WxO.Client.Benchmarks;

// dotnet run -c Release --project tests/WxO.Client.Benchmarks -- --filter '*'
// Every class pairs the SDK with a hand-written HttpClient + System.Text.Json source-generation baseline (Ratio is
// SDK/raw in the same run) and, where the vendor spec has the operation, the NSwag-generated client (NSwag/README.md).
if (AllocationProfile.TryRun(args))
{
    return 0;
}

if (StreamScale.TryRun(args))
{
    return 0;
}

if (ColdStartChild.TryRun(args, out var exitCode))
{
    return exitCode;
}

// 20 warm-ups: Polly, Refit and Microsoft.Extensions.* ship no precompiled code, so the first iterations still tier up
// (with 3, the SDK's rows were still JIT-ing: docs/PERFORMANCE.md shows the first and last iterations).
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(20).WithIterationCount(15).WithLaunchCount(1))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Min, StatisticColumn.Max);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;

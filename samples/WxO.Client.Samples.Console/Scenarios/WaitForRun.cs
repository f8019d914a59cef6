namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Wait for a run of any source to finish, printing each change of state.</summary>
public static class WaitForRun
{
    public static async Task<int> RunAsync(IRunSource source, RunReference run, TextWriter output, CancellationToken cancellationToken)
    {
        var polling = new RunPollingOptions { InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(2) };
        var started = TimeProvider.System.GetTimestamp();
        RunSnapshot? final = null;

        // WatchAsync yields the first state, then each change; it ends on a terminal state or RequiresInput.
        await foreach (var snapshot in source.WatchAsync(run, polling, cancellationToken))
        {
            final = snapshot;
            output.WriteLine($"{TimeProvider.System.GetElapsedTime(started).TotalSeconds,6:0.0}s  {snapshot.State} ({snapshot.RawStatus})");
        }

        output.WriteLine($"Run {run.RunId} ended {final!.State} after {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0}s"
            + (final.Error is null ? "." : $": {final.Error}"));
        return final.State == RunState.Succeeded ? 0 : 3;
    }
}

using Microsoft.Extensions.Time.Testing;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Runs;

public sealed class WaitForCompletionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    /// <summary>A source whose answer depends on how much fake time has passed; records when each poll happened.</summary>
    private sealed class ScriptedSource(FakeTimeProvider time, Func<TimeSpan, RunState> script) : IRunSource
    {
        public List<TimeSpan> Polls { get; } = [];

        /// <summary>Every call, counted before the token is checked: a poll made after cancellation shows here.</summary>
        public int Calls;

        public string Name => "scripted";

        public Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            cancellationToken.ThrowIfCancellationRequested();
            var elapsed = time.GetUtcNow() - Start;
            lock (Polls) { Polls.Add(elapsed); }
            var state = script(elapsed);
            return Task.FromResult(new RunSnapshot { Source = Name, RunId = run.RunId, State = state, RawStatus = state.ToString().ToLowerInvariant() });
        }
    }

    private RunPollingOptions Options(bool jitter = false) => new()
    {
        TimeProvider = _time,
        // Jitter only shortens a delay; fixing the random draw at 0 makes the schedule exact.
        NextRandom = jitter ? Random.Shared.NextDouble : () => 0,
    };

    // The scripted source answers synchronously, so 1 ms of real time per 100 ms step is plenty.
    private Task<T> Drive<T>(Task<T> task) => FakeTime.RunAsync(_time, task, TimeSpan.FromMilliseconds(100), pauseMilliseconds: 1);

    [Fact]
    public async Task A_60_second_run_costs_12_requests_and_is_seen_3_seconds_late()
    {
        var source = new ScriptedSource(_time, t => t < TimeSpan.FromSeconds(60) ? RunState.Running : RunState.Succeeded);

        var final = await Drive(source.WaitForCompletionAsync(new RunReference("r"), Options()));

        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal(12, source.Polls.Count);
        Assert.Equal([0, 3, 9, 15, 21, 27, 33, 39, 45, 51, 57, 63], source.Polls.Select(p => (int)Math.Round(p.TotalSeconds)));
        var lag = source.Polls[^1] - TimeSpan.FromSeconds(60);
        Assert.InRange(lag, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(3.2));
    }

    [Fact]
    public async Task With_the_most_jitter_the_budget_still_holds()
    {
        var source = new ScriptedSource(_time, t => t < TimeSpan.FromSeconds(60) ? RunState.Running : RunState.Succeeded);
        var options = Options();
        options.NextRandom = () => 0.9999;   // worst case: every delay 4 % short, so the most polls

        await Drive(source.WaitForCompletionAsync(new RunReference("r"), options));

        Assert.Equal(12, source.Polls.Count);
        Assert.InRange(source.Polls[^1] - TimeSpan.FromSeconds(60), TimeSpan.Zero, TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Stops_on_requires_input()
    {
        var source = new ScriptedSource(_time, t => t < TimeSpan.FromSeconds(5) ? RunState.Running : RunState.RequiresInput);

        var final = await Drive(source.WaitForCompletionAsync(new RunReference("r"), Options()));

        Assert.Equal(RunState.RequiresInput, final.State);
        Assert.False(final.IsTerminal);
        Assert.Equal(3, source.Polls.Count);   // 0, 3, 9
    }

    [Fact]
    public async Task Keeps_polling_through_waiting_unknown_and_pending()
    {
        var source = new ScriptedSource(_time, t => t.TotalSeconds switch
        {
            < 3 => RunState.Pending,
            < 9 => RunState.Waiting,
            < 15 => RunState.Unknown,
            _ => RunState.Failed,
        });

        var final = await Drive(source.WaitForCompletionAsync(new RunReference("r"), Options()));

        Assert.Equal(RunState.Failed, final.State);
        Assert.Equal(4, source.Polls.Count);
    }

    [Fact]
    public async Task Watch_yields_the_first_snapshot_and_each_change_then_completes()
    {
        var source = new ScriptedSource(_time, t => t.TotalSeconds switch
        {
            < 8 => RunState.Pending,      // polls at 0, 3
            < 20 => RunState.Running,     // 9, 15
            _ => RunState.Succeeded,      // 21
        });

        var states = await Drive(Collect(source.WatchAsync(new RunReference("r"), Options())));

        Assert.Equal([RunState.Pending, RunState.Running, RunState.Succeeded], states);
        Assert.Equal(5, source.Polls.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_watch_stops_when_its_token_fires_whether_given_to_the_method_or_to_the_enumerator(bool onEnumerator)
    {
        var source = new ScriptedSource(_time, _ => RunState.Running);
        using var cts = new CancellationTokenSource();
        var snapshots = onEnumerator
            ? source.WatchAsync(new RunReference("r"), Options()).WithCancellation(cts.Token)
            : source.WatchAsync(new RunReference("r"), Options(), cts.Token).WithCancellation(CancellationToken.None);
        var seen = 0;

        // No fake time passes: the watch sits in its first delay when the token fires.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in snapshots)
            {
                seen++;
                await cts.CancelAsync();
            }
        }).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (seen, source.Calls));
    }

    private static async Task<List<RunState>> Collect(IAsyncEnumerable<RunSnapshot> snapshots)
    {
        var states = new List<RunState>();
        await foreach (var s in snapshots)
        {
            states.Add(s.State);
        }

        return states;
    }

    [Fact]
    public async Task Timeout_carries_the_last_snapshot()
    {
        var source = new ScriptedSource(_time, _ => RunState.Running);
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(30);

        var ex = await Assert.ThrowsAsync<RunWaitTimeoutException>(() => Drive(source.WaitForCompletionAsync(new RunReference("r"), options)));

        Assert.Equal(RunState.Running, ex.LastSnapshot!.State);
        Assert.Equal("Run 'r' did not finish within 00:00:30; last state Running (raw 'running').", ex.Message);
        Assert.IsAssignableFrom<TimeoutException>(ex);
        Assert.Equal(6, source.Calls);
        Assert.Equal(6, source.Polls.Count);   // 0, 3, 9, 15, 21, 27; the timeout fires during the next delay
        Assert.InRange(_time.GetUtcNow() - Start, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30.5));
    }

    [Fact]
    public async Task Cancellation_stops_during_a_delay_without_more_time_passing()
    {
        var source = new ScriptedSource(_time, _ => RunState.Running);
        using var cts = new CancellationTokenSource();
        var wait = source.WaitForCompletionAsync(new RunReference("r"), Options(), cts.Token);
        await WaitUntil(() => source.Polls.Count == 1);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(source.Polls);
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task Delays_double_from_the_initial_delay_up_to_the_cap()
    {
        var source = new ScriptedSource(_time, t => t < TimeSpan.FromSeconds(20) ? RunState.Running : RunState.Succeeded);
        var options = Options();
        options.InitialDelay = TimeSpan.FromSeconds(1);
        options.MaxDelay = TimeSpan.FromSeconds(10);

        await Drive(source.WaitForCompletionAsync(new RunReference("r"), options));

        // Delays 1, 2, 4, 8, then the cap 10.
        Assert.Equal([0, 1, 3, 7, 15, 25], source.Polls.Select(p => (int)Math.Round(p.TotalSeconds)));
    }

    [Fact]
    public async Task A_timeout_during_a_poll_that_never_answers_says_no_state_was_read()
    {
        var source = new HangingSource();
        var options = Options();
        options.Timeout = TimeSpan.FromSeconds(5);

        var ex = await Assert.ThrowsAsync<RunWaitTimeoutException>(() => Drive(source.WaitForCompletionAsync(new RunReference("r"), options)));

        Assert.Equal("Run 'r' did not finish within 00:00:05; its state could not be read in time.", ex.Message);
        Assert.Null(ex.LastSnapshot);
        Assert.Equal(1, source.Calls);
    }

    /// <summary>Never answers; ends only when the wait cancels the call.</summary>
    private sealed class HangingSource : IRunSource
    {
        public int Calls { get; private set; }

        public string Name => "hanging";

        public async Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
        {
            Calls++;
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Fact]
    public async Task Not_found_ends_the_wait_at_once()
    {
        var source = new ThrowingSource(new RunNotFoundException("GET /v1/orchestrate/runs/r failed with 404"));

        await Assert.ThrowsAsync<RunNotFoundException>(() => source.WaitForCompletionAsync(new RunReference("r"), Options()).WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task Bad_input_fails_before_any_poll()
    {
        var source = new ThrowingSource(new InvalidOperationException("must not be called"));

        Assert.Equal("run", (await Assert.ThrowsAsync<ArgumentNullException>(() => source.WaitForCompletionAsync(null!))).ParamName);
        Assert.Equal("run", Assert.Throws<ArgumentNullException>(() => source.WatchAsync(null!)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => ((IRunSource)null!).WatchAsync(new RunReference("r"))).ParamName);
        var run = new RunReference("r");
        Assert.Equal(
            $"The initial delay must be positive. (Parameter 'InitialDelay'){Environment.NewLine}Actual value was 00:00:00.",
            Assert.Throws<ArgumentOutOfRangeException>(() => source.WatchAsync(run, new RunPollingOptions { InitialDelay = TimeSpan.Zero })).Message);
        Assert.Equal(
            $"The maximum delay must not be shorter than the initial delay. (Parameter 'MaxDelay'){Environment.NewLine}Actual value was 00:00:02.9999999.",
            Assert.Throws<ArgumentOutOfRangeException>(() => source.WatchAsync(run, new RunPollingOptions { MaxDelay = TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1) })).Message);
        Assert.Equal(
            $"The timeout must be positive, or null for none. (Parameter 'Timeout'){Environment.NewLine}Actual value was 00:00:00.",
            Assert.Throws<ArgumentOutOfRangeException>(() => source.WatchAsync(run, new RunPollingOptions { Timeout = TimeSpan.Zero })).Message);
        Assert.Equal("TimeProvider", Assert.Throws<ArgumentNullException>(() => source.WatchAsync(run, new RunPollingOptions { TimeProvider = null! })).ParamName);
        Assert.Equal(0, source.Calls);

        // The edges are fine: a constant delay (max = initial), and no timeout at all.
        _ = source.WatchAsync(run, new RunPollingOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1), Timeout = null });
    }

    private sealed class ThrowingSource(Exception exception) : IRunSource
    {
        public int Calls { get; private set; }

        public string Name => "throwing";

        public Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromException<RunSnapshot>(exception);
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}

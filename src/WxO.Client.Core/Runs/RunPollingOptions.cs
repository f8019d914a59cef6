namespace WxO.Client;

/// <summary>
/// How <see cref="RunSourceExtensions.WaitForCompletionAsync"/> and <see cref="RunSourceExtensions.WatchAsync"/> poll.
/// </summary>
/// <remarks>
/// <para>Schedule: the first poll at once, then delays doubling from <see cref="InitialDelay"/> up to
/// <see cref="MaxDelay"/>, each shortened by up to 4 % at random so many waiters do not poll in lockstep.</para>
/// <para>Request budget with the defaults (3 s, then 6 s): a run lasting D seconds costs
/// 2 + ⌈(D − 3) / 6⌉ requests (1 for a run already finished, 2 for D ≤ 3) and is seen finished at most
/// 6 s late (3 s when D ≤ 3). A 60 s run costs 12 requests and is seen 3 s late; a fixed 2 s poll costs 30.</para>
/// </remarks>
public sealed class RunPollingOptions
{
    /// <summary>The delay after the first poll. Default 3 s.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest delay between polls, and so the longest a finished run goes unnoticed. Default 6 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// How long to wait in all before giving up with <see cref="RunWaitTimeoutException"/>. Default 10 minutes;
    /// <see langword="null"/> waits until the run ends or the cancellation token fires.
    /// </summary>
    public TimeSpan? Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock for delays and the timeout. Default <see cref="TimeProvider.System"/>; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where to log the end of each wait (Information: run, outcome, polls, duration). None by default.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

    /// <summary>A number in [0, 1) per delay, for jitter. Internal so tests can make the schedule exact.</summary>
    internal Func<double> NextRandom { get; set; } = Random.Shared.NextDouble;

    /// <summary>The share of a delay that jitter may take off. Small, so the request budget above holds.</summary>
    internal const double MaxJitter = 0.04;

    internal void Validate()
    {
        if (InitialDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialDelay), InitialDelay, "The initial delay must be positive.");
        }

        if (MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "The maximum delay must not be shorter than the initial delay.");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, "The timeout must be positive, or null for none.");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}

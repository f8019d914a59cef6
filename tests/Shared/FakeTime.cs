using Microsoft.Extensions.Time.Testing;

namespace WxO.Client.Testing;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward until a task finishes, so retry waits cost no real time.</summary>
internal static class FakeTime
{
    /// <param name="time">The fake clock.</param>
    /// <param name="task">The work under test, already started.</param>
    /// <param name="step">Fake time per step: the precision of any time the test measures.</param>
    /// <param name="pauseMilliseconds">Real time per step, for the code under test to reach its next timer: more when it does real I/O.</param>
    /// <param name="limit">Fake time after which the test fails.</param>
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, int pauseMilliseconds = 5, TimeSpan? limit = null)
    {
        var deadline = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(10));
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The task did not finish within {limit} of fake time.");
            }

            await Task.Delay(pauseMilliseconds);
            time.Advance(step);
        }

        return await task;
    }
}

/// <summary>
/// A fake clock that also records how long each one-shot timer was set for. A measure taken at the server between two
/// requests also counts the fake time the pump adds while real I/O runs; the timer the client set is exact.
/// </summary>
internal sealed class TimerRecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly List<(DateTimeOffset SetAt, TimeSpan Due)> _delays = [];

    /// <summary>The one-shot timers created so far (delays and cancel-after timeouts), in order: when each was set, for how long.</summary>
    public IReadOnlyList<(DateTimeOffset SetAt, TimeSpan Due)> Delays { get { lock (_delays) { return [.. _delays]; } } }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_delays) { _delays.Add((GetUtcNow(), dueTime)); }
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}

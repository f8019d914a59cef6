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

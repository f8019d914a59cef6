using Microsoft.Extensions.Time.Testing;

namespace WxO.Client.Testing;

/// <summary>Drives a <see cref="FakeTimeProvider"/> forward until a task finishes, so retry waits cost no real time.</summary>
internal static class FakeTime
{
    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> task, TimeSpan step, TimeSpan? limit = null)
    {
        var deadline = time.GetUtcNow() + (limit ?? TimeSpan.FromMinutes(10));
        while (!task.IsCompleted)
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The task did not finish within {limit} of fake time.");
            }

            // A little real time lets the code under test reach its next timer before the clock moves on.
            await Task.Delay(5);
            time.Advance(step);
        }

        return await task;
    }
}

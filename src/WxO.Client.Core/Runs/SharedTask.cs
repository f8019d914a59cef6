namespace WxO.Client;

/// <summary>A task several callers share, each free to stop waiting for it (single-flight sign-in, a session's thread).</summary>
internal static class SharedTask
{
    /// <summary>
    /// Observes the task's failure once, here: the callers that still wait see it as usual, and a failure after every
    /// caller gave up is not reported as a <see cref="TaskScheduler.UnobservedTaskException"/>.
    /// </summary>
    public static Task<T> ObserveFailure<T>(this Task<T> task)
    {
        _ = task.ContinueWith(
            static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }

    /// <inheritdoc cref="ObserveFailure{T}(Task{T})"/>
    public static Task ObserveFailure(this Task task)
    {
        _ = task.ContinueWith(
            static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return task;
    }
}

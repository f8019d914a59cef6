using System.Diagnostics;
using System.Runtime.CompilerServices;
using WxO.Client.Diagnostics;
using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>Waiting on runs of any <see cref="IRunSource"/>.</summary>
public static class RunSourceExtensions
{
    /// <summary>
    /// Polls until the run is terminal, or needs input (<see cref="RunState.RequiresInput"/>: it will not finish
    /// without the caller), and returns that last snapshot. Keeps polling through Pending, Running, Waiting and
    /// Unknown. See <see cref="RunPollingOptions"/> for the schedule and its request budget.
    /// </summary>
    /// <exception cref="ArgumentException">The reference is null, or the options are out of range (no request is made).</exception>
    /// <exception cref="RunWaitTimeoutException">The run did not finish within <see cref="RunPollingOptions.Timeout"/>; carries the last snapshot.</exception>
    /// <exception cref="RunNotFoundException">The run does not exist: the wait ends at once rather than polling forever.</exception>
    /// <exception cref="RunApiException">Any other error that outlasted the HTTP pipeline's retries ends the wait with that error.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; at most one delay passes before the wait stops.</exception>
    public static async Task<RunSnapshot> WaitForCompletionAsync(
        this IRunSource source, RunReference run, RunPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        RunSnapshot? last = null;
        await foreach (var snapshot in source.WatchAsync(run, options, cancellationToken).ConfigureAwait(false))
        {
            last = snapshot;
        }

        // WatchAsync always yields at least once or throws.
        return last!;
    }

    /// <summary>
    /// Polls the run like <see cref="WaitForCompletionAsync"/>, yielding the first snapshot and then each one whose
    /// state or <see cref="RunSnapshot.UpdatedAt"/> changed; completes after yielding the final one.
    /// </summary>
    /// <exception cref="ArgumentException">The reference is null, or the options are out of range (thrown at the call, before any request).</exception>
    public static IAsyncEnumerable<RunSnapshot> WatchAsync(
        this IRunSource source, RunReference run, RunPollingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(run);

        options ??= new RunPollingOptions();
        options.Validate();
        return WatchCoreAsync(source, run, options, cancellationToken);
    }

    private static async IAsyncEnumerable<RunSnapshot> WatchCoreAsync(
        IRunSource source, RunReference run, RunPollingOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        using var timeout = options.Timeout is { } limit ? new CancellationTokenSource(limit, time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        // One span for the whole wait, reported by the source's own package; each poll's span is its child.
        var telemetry = (source as IInstrumentedRunSource)?.Telemetry ?? RunTelemetry.Core;
        var prefix = telemetry.AttributePrefix;
        var activity = telemetry.Source.StartActivity("WaitForCompletion");
        activity?.SetTag($"{prefix}.run.source", source.Name);
        activity?.SetTag(telemetry.RunIdAttribute, run.RunId);
        if (run.ThreadId is not null)
        {
            activity?.SetTag(telemetry.ThreadIdAttribute, run.ThreadId);
        }

        var started = time.GetTimestamp();
        var polls = 0;
        // How the wait ended: the run's final state, or the error that ended it (error.type); neither when abandoned.
        RunState? endState = null;
        string? errorType = null;
        RunSnapshot? last = null;
        var delay = options.InitialDelay;
        try
        {
            while (true)
            {
                RunSnapshot current;
                try
                {
                    // An async iterator resumes in its consumer's context, so the span is made current again per poll.
                    Activity.Current = activity ?? Activity.Current;
                    polls++;
                    current = await source.GetRunSnapshotAsync(run, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    errorType = typeof(RunWaitTimeoutException).FullName;
                    throw TimedOut(run, options, last);
                }
                catch (Exception ex)
                {
                    errorType = RunTelemetry.ErrorType(ex);
                    throw;
                }

                if (last is null || current.State != last.State || current.UpdatedAt != last.UpdatedAt)
                {
                    yield return current;
                }

                last = current;
                if (current.IsTerminal || current.State == RunState.RequiresInput)
                {
                    endState = current.State;
                    yield break;
                }

                try
                {
                    var jittered = delay * (1 - (RunPollingOptions.MaxJitter * options.NextRandom()));
                    await Task.Delay(jittered, time, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    errorType = typeof(RunWaitTimeoutException).FullName;
                    throw TimedOut(run, options, last);
                }
                catch (OperationCanceledException ex)
                {
                    errorType = RunTelemetry.ErrorType(ex);
                    throw;
                }

                delay = delay * 2 < options.MaxDelay ? delay * 2 : options.MaxDelay;
            }
        }
        finally
        {
            // The consumer may also stop early (break), which ends here with no outcome of the run's own. The outcome is
            // kept as two facts, not parsed back from one string: "404" would parse as a RunState.
            var outcome = errorType ?? endState?.ToString() ?? "Abandoned";
            telemetry.WaitPolls.Record(polls, new KeyValuePair<string, object?>($"{prefix}.run.source", source.Name),
                new KeyValuePair<string, object?>("outcome", outcome));
            if (activity is not null)
            {
                activity.SetTag($"{prefix}.wait.polls", polls);
                activity.SetTag(errorType is not null ? "error.type" : $"{prefix}.run.state", outcome);
                activity.SetStatus(errorType is not null || endState is RunState.Failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok);
                activity.Dispose();
            }

            if (options.Logger is { } logger)
            {
                var elapsed = time.GetElapsedTime(started);
                RunLog.WaitEnded(logger, run.RunId, source.Name, outcome, polls, elapsed.TotalSeconds);
            }
        }
    }

    private static RunWaitTimeoutException TimedOut(RunReference run, RunPollingOptions options, RunSnapshot? last)
        => new($"Run '{run.RunId}' did not finish within {options.Timeout}; "
            + (last is null ? "its state could not be read in time." : $"last state {last.State} (raw '{last.RawStatus}')."), last);
}

using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using WxO.Client.Diagnostics;
using WxO.Client.Primitives;

namespace WxO.Client.Http;

/// <summary>
/// The SDK's one handler in each client's HttpClient pipeline: the call's deadline, its credentials, the retries, and each
/// attempt (its time limit, its log lines and the bounded read of its body), in that order. One handler rather than one per
/// concern because a call that succeeds at the first attempt — nearly every call — should cost one async layer: the Polly
/// retry pipeline is entered only after a failure worth retrying, with that failure as its first outcome, so backoff,
/// jitter, <c>Retry-After</c> and the retry's telemetry behave exactly as if Polly had run the first attempt itself.
/// <list type="bullet">
/// <item>Deadline: <see cref="RunResilienceOptions.TotalTimeout"/> (<see cref="RunResilienceOptions.LongPollTimeout"/> for
/// long-polls) over sign-in, every attempt, the waits between retries, the refresh and retry after a 401, and the read of
/// the body; a stream's deadline ends when its headers arrive. Ends the call with <see cref="TimeoutException"/>.</item>
/// <item>Credentials: <see cref="RunCredentials"/>, applied once per call (not per attempt); one retry with a fresh token
/// after a 401 when the token provider can issue one.</item>
/// <item>Retry: <see cref="RunHttpPipeline.Build"/>'s Polly pipeline (built at the first retry) and <c>RunHttpPipeline.ShouldRetry</c>.</item>
/// <item>Attempt: <see cref="RunResilienceOptions.AttemptTimeout"/> (none when resilience is off), ending the attempt with
/// Polly's <see cref="TimeoutRejectedException"/>, which the retry treats as transient and <see cref="RunTransport"/> turns
/// into a <see cref="TimeoutException"/>; then <see cref="ResponseBody.BufferAsync"/> (streams are not read here).</item>
/// </list>
/// Timeouts use pooled token sources (<see cref="TimeoutSourcePool"/>), and the inner layers pooled
/// <see cref="ValueTask"/> builders, so a warm call allocates nothing here.
/// </summary>
internal sealed class RunCallHandler(
    RunResilienceOptions resilience, long maxBytes, TimeProvider time, RunCredentials? credentials, Func<ResiliencePipeline<HttpResponseMessage>>? buildRetry,
    ILogger logger)
    : DelegatingHandler
{
    /// <summary>The request of the execution, for the retry predicate (it looks at the request's options).</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("WxO.Client.Request");

    // One pool for the call's deadline and each attempt's limit: the sources are alike.
    private readonly TimeoutSourcePool _timeouts = new(time);

    // Built at the first retry, not with the handler: an app whose calls succeed never builds (or JITs) Polly's pipeline.
    private ResiliencePipeline<HttpResponseMessage>? _retry;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var longPoll = RunRequestOptions.Has(request, RunRequestOptions.LongPoll);
        var timeout = longPoll ? resilience.LongPollTimeout : resilience.TotalTimeout;
        using var deadline = _timeouts.Rent(timeout, cancellationToken);
        try
        {
            var token = credentials is null ? null : await credentials.ApplyAsync(request, deadline.Token).ConfigureAwait(false);
            var response = await SendWithRetriesAsync(request, longPoll, deadline.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || credentials?.Refresh(token) != true)
            {
                return response;
            }

            // The token expired or was revoked early: once more with a fresh one. A second 401 is the caller's answer.
            response.Dispose();
            await credentials.ApplyAsync(request, deadline.Token).ConfigureAwait(false);
            return await SendWithRetriesAsync(request, longPoll, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The call to {request.Method} {request.RequestUri?.AbsolutePath} did not finish within {timeout}.", ex);
        }
    }

    /// <summary>The first attempt; the retry pipeline only when its outcome is worth retrying.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, bool longPoll, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await AttemptAsync(request, longPoll, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (buildRetry is not null && RunHttpPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(ex), request))
        {
            return await RetryAsync(request, Outcome.FromException<HttpResponseMessage>(ex), longPoll, cancellationToken).ConfigureAwait(false);
        }

        return buildRetry is not null && RunHttpPipeline.ShouldRetry(response, request)
            ? await RetryAsync(request, Outcome.FromResult(response), longPoll, cancellationToken).ConfigureAwait(false)
            : response;
    }

    /// <summary>
    /// The retries after a first attempt that failed with <paramref name="first"/>: Polly's retry pipeline runs with a
    /// callback whose first call hands back that outcome, and every later call makes a new attempt.
    /// </summary>
    private async Task<HttpResponseMessage> RetryAsync(HttpRequestMessage request, Outcome<HttpResponseMessage> first, bool longPoll, CancellationToken cancellationToken)
    {
        var pipeline = LazyInitializer.EnsureInitialized(ref _retry, buildRetry!);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Request, request);
        var state = new RetryState(this, request, first, longPoll);
        try
        {
            return await pipeline.ExecuteAsync(static (context, state) => state.NextAsync(context.CancellationToken), context, state).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: its time limit, its log lines, and the bounded read of its body (not of a stream's).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, bool longPoll, CancellationToken cancellationToken)
    {
        var limit = longPoll ? resilience.LongPollTimeout : resilience.AttemptTimeout;
        using var attempt = resilience.Enabled ? _timeouts.Rent(limit, cancellationToken) : default(TimeoutSourcePool.Lease?);
        var token = attempt?.Token ?? cancellationToken;
        // Checked once: attempt logs are Trace and Debug, which most hosts do not write.
        var started = logger.IsEnabled(LogLevel.Debug) ? Stopwatch.GetTimestamp() : 0;
        if (started != 0 && logger.IsEnabled(LogLevel.Trace))
        {
            RunLog.AttemptStarted(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);
        }

        try
        {
            var response = await base.SendAsync(request, token).ConfigureAwait(false);
            if (started != 0 && logger.IsEnabled(LogLevel.Trace))
            {
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                RunLog.AttemptCompleted(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, (int)response.StatusCode, milliseconds);
            }

            // A stream of events is read as it arrives; its size cap applies per event (RunEventReader).
            return RunRequestOptions.Has(request, RunRequestOptions.Streaming) && response.IsSuccessStatusCode
                ? response
                : await ResponseBody.BufferAsync(request, response, maxBytes, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (attempt?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(request, started, typeof(TimeoutRejectedException));
            throw new TimeoutRejectedException($"The attempt did not complete within the allowed timeout of '{limit}'.", limit, ex);
        }
        catch (Exception ex)
        {
            LogFailed(request, started, ex.GetType());
            throw;
        }
    }

    private void LogFailed(HttpRequestMessage request, long started, Type errorType)
    {
        if (started != 0 && logger.IsEnabled(LogLevel.Debug))
        {
            var name = errorType.FullName ?? errorType.Name;
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            RunLog.AttemptFailed(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty, name, milliseconds);
        }
    }

    /// <summary>What the retry callback needs: the first outcome, handed back once, then new attempts.</summary>
    private sealed class RetryState(RunCallHandler handler, HttpRequestMessage request, Outcome<HttpResponseMessage> first, bool longPoll)
    {
        private bool _firstTaken;

        public ValueTask<HttpResponseMessage> NextAsync(CancellationToken cancellationToken)
        {
            if (_firstTaken)
            {
                return handler.AttemptAsync(request, longPoll, cancellationToken);
            }

            _firstTaken = true;
            return first.Exception is { } exception
                ? ValueTask.FromException<HttpResponseMessage>(exception)
                : ValueTask.FromResult(first.Result!);
        }
    }
}

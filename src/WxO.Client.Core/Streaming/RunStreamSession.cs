using System.Net;
using WxO.Client.Errors;
using WxO.Client.Http;
using WxO.Client.Primitives;

namespace WxO.Client.Streaming;

/// <summary>
/// One stream of events for one caller: opens it, reads it incrementally, and after a broken or silent connection (or a
/// body that ends before the run) re-joins it (never re-opens it) up to <see cref="RunClientOptions.StreamReconnectAttempts"/>
/// times in a row with backoff, or, where it cannot be re-joined, recovers the rest from the run's recorded events. Every
/// event reaches the caller once: repeats after a re-join are dropped by id. Disposing it closes the connection at once.
/// </summary>
internal sealed class RunStreamSession<TState>(RunClientPipeline pipeline, RunEndpoint endpoint, RunStreamDefinition<TState> definition, TState state, string? runId = null) : IAsyncDisposable
{
    /// <summary>How long a stream the caller left is read on for its run's id, to cancel the run (<see cref="RunStreamDefinition{TState}.CancelsOnExit"/>).</summary>
    internal static readonly TimeSpan AbandonedReadLimit = TimeSpan.FromSeconds(30);

    private readonly SeenEventIds _seen = new();
    private readonly bool _cancelOnExit = definition.CancelRun is not null && definition.CancelsOnExit?.Invoke(state) == true;
    private Task<HttpResponseMessage>? _opening;
    private Task<bool>? _reading;
    private HttpResponseMessage? _response;
    private EventStreamGuard? _body;
    private IAsyncEnumerator<RunStreamEvent>? _events;
    private string? _lastEventId;
    private int _sinceLastId;
    private string? _runId = runId;
    private bool _afterResume;
    private Uri? _contentLocation;
    private int _failedReconnects;
    private bool _done;

    // Recovery from the run's recorded events (RunStreamDefinition.Replay).
    private bool _replaying;
    private bool _replayComplete;
    private int _replayRounds;
    private readonly Queue<RunStreamEvent> _replayed = new();

    /// <summary>The status of the answer that opened (or last re-joined) the stream.</summary>
    public int? Status { get; private set; }

    /// <summary>The next event; null when the stream ended.</summary>
    public async ValueTask<RunStreamEvent?> NextAsync(CancellationToken cancellationToken)
    {
        while (!_done)
        {
            var next = _replaying ? await NextReplayedAsync(cancellationToken).ConfigureAwait(false) : await NextReceivedAsync(cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                _done = true;
                return null;
            }

            if (Accept(next))
            {
                return next;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cancelOnExit && !_done)
        {
            // The caller left before the end (or the stream failed): the run is cancelled, in the background, as asked.
            _ = CancelAbandonedRunAsync().ObserveFailure();
            return;
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <summary>The next event off the connection (re-joining it as needed), or null at the proven end of the stream.</summary>
    private async ValueTask<RunStreamEvent?> NextReceivedAsync(CancellationToken cancellationToken)
    {
        if (_events is null)
        {
            if (_cancelOnExit)
            {
                // Not cancelled with the caller: if they leave during the request, its answer still names the run to cancel.
                _opening = definition.Open(state, CancellationToken.None);
                try
                {
                    await OpenAsync(_opening.WaitAsync(cancellationToken), readToken: CancellationToken.None, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Kept only while the request is still in flight: its answer is then the abandoned stream's to read.
                    if (_opening.IsCompleted)
                    {
                        _opening = null;
                    }
                }
            }
            else
            {
                await OpenAsync(definition.Open(state, cancellationToken), cancellationToken, cancellationToken).ConfigureAwait(false);
            }

            _contentLocation = ContentLocationOf(_response!);
        }

        while (!_replaying)
        {
            RunStreamEvent? next;
            try
            {
                var more = _cancelOnExit
                    ? await ReadDetachedAsync(cancellationToken).ConfigureAwait(false)
                    : await _events!.MoveNextAsync().ConfigureAwait(false);
                next = more ? _events!.Current : null;
            }
            catch (EventTooLargeException ex)
            {
                throw Facts(new RunApiException(ex.Message));
            }
            catch (InvalidDataException ex)
            {
                // A Content-Encoding the bytes do not match: re-joining would get the same bytes.
                throw Facts(new RunApiException($"The stream could not be decoded: {ex.Message}", ex));
            }
            catch (Exception ex) when (IsBreak(ex, cancellationToken))
            {
                await ResumeAsync(ex, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (next is null && definition.HasEnded is { } hasEnded
                && !await hasEnded(state, new RunStreamResumePoint(_lastEventId, _contentLocation), cancellationToken).ConfigureAwait(false))
            {
                // A proxy or load balancer that closes an idle connection ends the body cleanly: not the run's end.
                await ResumeAsync(new IOException("the body ended before the run did"), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return next is not null && definition.Unwrap is { } unwrap ? unwrap(next) : next;
        }

        return await NextReplayedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next event recovered from the run's recorded events: those after the last one the caller received, read again
    /// (backing off) until the run is over; null once it is and every event was given.
    /// </summary>
    private async ValueTask<RunStreamEvent?> NextReplayedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_replayed.TryDequeue(out var next))
            {
                return next;
            }

            if (_replayComplete)
            {
                return null;
            }

            if (_replayRounds++ > 0)
            {
                await Task.Delay(Backoff(_replayRounds - 1), pipeline.Time, cancellationToken).ConfigureAwait(false);
            }

            var replay = await definition.Replay!(state, _runId!, cancellationToken).ConfigureAwait(false);
            var start = 0;
            if (_lastEventId is not null)
            {
                start = IndexOf(replay.Events, _lastEventId) + 1;
                if (start == 0)
                {
                    throw Broken(null, $"its recorded events do not include event '{_lastEventId}', the last one received");
                }
            }

            // Events without an id that followed the last one with an id were given already (in replay only: a live stream
            // whose last event had no id is not replayed, see ResumeAsync).
            for (var i = start + _sinceLastId; i < replay.Events.Count; i++)
            {
                _replayed.Enqueue(replay.Events[i]);
            }

            _replayComplete = replay.RunEnded;
        }

        static int IndexOf(IReadOnlyList<RunStreamEvent> events, string id)
        {
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>Takes an event: false for a repeat the caller already has; throws for an event that reports the run failed.</summary>
    private bool Accept(RunStreamEvent next)
    {
        if (_afterResume)
        {
            // A server may repeat events the stream resumed after (or start again from the first): the caller has them.
            if (next.Id is { } repeated && _seen.Contains(repeated))
            {
                return false;
            }

            _afterResume = false;
        }

        // An SSE event without an id line carries the previous event's id (the spec's last event id): not an id of its own.
        if (next.Id is { } id && id != _lastEventId)
        {
            _seen.Add(id);
            _lastEventId = id;
            _sinceLastId = 0;
        }
        else
        {
            _sinceLastId++;
        }

        _failedReconnects = 0;
        _runId ??= definition.RunIdOf?.Invoke(next);
        if (definition.FailureOf?.Invoke(next) is { } failure)
        {
            _done = true;
            throw RunFailed(failure);
        }

        _done = definition.IsLast?.Invoke(next) == true;
        return true;
    }

    /// <summary>A read the caller can stop waiting for while it goes on (cancel on exit: its events may name the run).</summary>
    private async ValueTask<bool> ReadDetachedAsync(CancellationToken cancellationToken)
    {
        _reading ??= _events!.MoveNextAsync().AsTask();
        try
        {
            return await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_reading.IsCompleted)
            {
                _reading = null;
            }
        }
    }

    /// <summary>
    /// Cancels the run of a stream the caller left: at once if its id is known, else after reading on (awaiting the
    /// answer to a request still in flight) until an event names it, for up to <see cref="AbandonedReadLimit"/>.
    /// </summary>
    private async Task CancelAbandonedRunAsync()
    {
        using var limit = new CancellationTokenSource(AbandonedReadLimit, pipeline.Time);
        try
        {
            if (_runId is null && _opening is { } opening)
            {
                _opening = null;
                await OpenAsync(opening, limit.Token, limit.Token).ConfigureAwait(false);
            }

            while (_runId is null && _events is not null)
            {
                var more = await (_reading ?? _events.MoveNextAsync().AsTask()).WaitAsync(limit.Token).ConfigureAwait(false);
                _reading = null;
                if (!more)
                {
                    break;
                }

                _runId = definition.RunIdOf?.Invoke(definition.Unwrap is { } unwrap ? unwrap(_events.Current) : _events.Current);
            }

            if (_runId is not null)
            {
                await definition.CancelRun!(state, _runId, limit.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private async Task OpenAsync(Task<HttpResponseMessage> send, CancellationToken readToken, CancellationToken cancellationToken)
    {
        var response = await RunTransport.SendAsync(send, static (s, _) => s, cancellationToken).ConfigureAwait(false);
        _response = response;
        Status = (int)response.StatusCode;
        await RunResponseReader.EnsureSuccessAsync(response, pipeline.ErrorParser, pipeline.Secrets, endpoint, cancellationToken).ConfigureAwait(false);
        var options = pipeline.Options;
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var sse = RunEventReader.IsServerSentEvents(response);
        _body = new EventStreamGuard(content, options.MaxResponseContentBytes, options.StreamIdleTimeout, pipeline.Time, lineDelimited: !sse);
        _events = (sse ? RunEventReader.ReadServerSentEventsAsync(_body, readToken) : RunEventReader.ReadLinesAsync(_body, readToken))
            .GetAsyncEnumerator(readToken);
    }

    /// <summary>
    /// After a break: re-joins the stream, or switches to recovering it from the run's recorded events, or throws
    /// <see cref="RunStreamBrokenException"/> when neither is possible.
    /// </summary>
    private async Task ResumeAsync(Exception broken, CancellationToken cancellationToken)
    {
        await CloseAsync().ConfigureAwait(false);
        if (_failedReconnects >= pipeline.Options.StreamReconnectAttempts)
        {
            throw Broken(broken, _failedReconnects == 0 ? "reconnection is off" : $"{_failedReconnects} re-joins in a row failed");
        }

        _failedReconnects++;
        var point = new RunStreamResumePoint(_lastEventId, _contentLocation);
        if (definition.Resume is { } resume)
        {
            await Task.Delay(Backoff(_failedReconnects - 1), pipeline.Time, cancellationToken).ConfigureAwait(false);
            if (resume(state, point, cancellationToken) is { } send)
            {
                _afterResume = true;
                await OpenAsync(send, cancellationToken, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (definition.Replay is null)
        {
            throw Broken(broken, "this stream cannot be re-joined");
        }

        if (_runId is null || _sinceLastId > 0)
        {
            throw Broken(broken, _runId is null ? "no event named its run, so it cannot be recovered" : "the last event received had no id of its own, so the rest cannot be told apart");
        }

        _replaying = true;
    }

    private TimeSpan Backoff(int attempt)
    {
        var resilience = pipeline.Options.Resilience;
        return TimeSpan.FromTicks(Math.Min(resilience.MaxDelay.Ticks, resilience.BaseDelay.Ticks * (1L << Math.Min(attempt, 20))));
    }

    private async ValueTask CloseAsync()
    {
        if (_events is not null)
        {
            try
            {
                await _events.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or TimeoutException)
            {
                // The connection is being thrown away; how it ends does not matter.
            }

            _events = null;
        }

        _body?.Dispose();
        _body = null;
        // Disposing an answer whose body was not read to the end closes its connection rather than pooling it.
        _response?.Dispose();
        _response = null;
    }

    /// <summary>A broken connection or a silent one: worth re-joining. The caller's own cancellation is not.</summary>
    private static bool IsBreak(Exception ex, CancellationToken cancellationToken)
        => !cancellationToken.IsCancellationRequested && ex is IOException or HttpRequestException or TimeoutException;

    private RunStreamBrokenException Broken(Exception? cause, string why)
    {
        var run = _runId is null ? "A run's stream" : $"The stream of run {_runId}";
        var after = _lastEventId is null ? string.Empty : $" Events after '{_lastEventId}' were not received.";
        var what = cause is null ? string.Empty : $" ({cause.Message})";
        return new RunStreamBrokenException($"{run} broke{what} and {why}.{after}", cause) { RunId = _runId, LastEventId = _lastEventId };
    }

    private RunFailedException RunFailed(RunFailure failure)
        => RunErrorMapper.RunFailed(_response?.RequestMessage, (HttpStatusCode?)Status, failure, pipeline.Secrets);

    /// <summary>The stream's request and status on an error found while reading it.</summary>
    private RunApiException Facts(RunApiException exception)
    {
        var request = _response?.RequestMessage;
        exception.SetFacts((HttpStatusCode?)Status, serverMessage: null, responseBody: null, requestId: null, request?.Method.Method, request?.RequestUri?.AbsolutePath);
        return exception;
    }

    private static Uri? ContentLocationOf(HttpResponseMessage response)
        => response.Content.Headers.ContentLocation is { } location && response.RequestMessage?.RequestUri is { } requestUri
            ? new Uri(requestUri, location)
            : null;
}

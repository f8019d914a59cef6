using System.Net;
using WxO.Client.Errors;
using WxO.Client.Http;
using WxO.Client.Primitives;

namespace WxO.Client.Streaming;

/// <summary>
/// One stream of events for one caller: opens it, reads it incrementally, and re-joins it (never re-opens it) after a
/// broken or silent connection, up to <see cref="RunClientOptions.StreamReconnectAttempts"/> times in a row with backoff.
/// Disposing it closes the connection at once.
/// </summary>
internal sealed class RunStreamSession<TState>(RunClientPipeline pipeline, RunEndpoint endpoint, RunStreamDefinition<TState> definition, TState state) : IAsyncDisposable
{
    private HttpResponseMessage? _response;
    private EventStreamGuard? _body;
    private IAsyncEnumerator<RunStreamEvent>? _events;
    private string? _lastEventId;
    private string? _skipId;
    private Uri? _contentLocation;
    private int _failedReconnects;
    private bool _done;

    /// <summary>The status of the answer that opened (or last re-joined) the stream.</summary>
    public int? Status { get; private set; }

    /// <summary>The next event; null when the stream ended.</summary>
    public async ValueTask<RunStreamEvent?> NextAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        if (_events is null)
        {
            await OpenAsync(definition.Open(state, cancellationToken), cancellationToken).ConfigureAwait(false);
            _contentLocation = ContentLocationOf(_response!);
        }

        while (true)
        {
            RunStreamEvent? next;
            try
            {
                next = await _events!.MoveNextAsync().ConfigureAwait(false) ? _events.Current : null;
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
                await ResumeAsync(new IOException("the body ended before the run did, so the answer may be cut short"), cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }

            if (next is null)
            {
                _done = true;
                return null;
            }

            if (_skipId is not null && next.Id == _skipId)
            {
                // A server that repeats the event the stream resumed after: the caller already has it.
                _skipId = null;
                continue;
            }

            _skipId = null;
            _failedReconnects = 0;
            _lastEventId = next.Id ?? _lastEventId;
            if (definition.FailureOf?.Invoke(next) is { } failure)
            {
                _done = true;
                throw RunFailed(failure);
            }

            _done = definition.IsLast?.Invoke(next) == true;
            return next;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
    }

    private async Task OpenAsync(Task<HttpResponseMessage> send, CancellationToken cancellationToken)
    {
        var response = await RunTransport.SendAsync(send, static (s, _) => s, cancellationToken).ConfigureAwait(false);
        _response = response;
        Status = (int)response.StatusCode;
        await RunResponseReader.EnsureSuccessAsync(response, pipeline.ErrorParser, pipeline.Secrets, endpoint, cancellationToken).ConfigureAwait(false);
        var options = pipeline.Options;
        var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var sse = RunEventReader.IsServerSentEvents(response);
        _body = new EventStreamGuard(content, options.MaxResponseContentBytes, options.StreamIdleTimeout, pipeline.Time, lineDelimited: !sse);
        _events = (sse ? RunEventReader.ReadServerSentEventsAsync(_body, cancellationToken) : RunEventReader.ReadLinesAsync(_body, cancellationToken))
            .GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Re-joins after a break, or rethrows it (as a typed error) when the stream cannot be re-joined.</summary>
    private async Task ResumeAsync(Exception broken, CancellationToken cancellationToken)
    {
        var idle = _body?.IdleTimedOut == true;
        await CloseAsync().ConfigureAwait(false);
        var resume = definition.Resume;
        if (resume is null || _failedReconnects >= pipeline.Options.StreamReconnectAttempts)
        {
            throw idle ? broken : new HttpRequestException($"The stream broke: {broken.Message}", broken);
        }

        _failedReconnects++;
        var resilience = pipeline.Options.Resilience;
        var delay = TimeSpan.FromTicks(Math.Min(resilience.MaxDelay.Ticks, resilience.BaseDelay.Ticks * (1L << Math.Min(_failedReconnects - 1, 20))));
        await Task.Delay(delay, pipeline.Time, cancellationToken).ConfigureAwait(false);
        var point = new RunStreamResumePoint(_lastEventId, _contentLocation);
        var send = resume(state, point, cancellationToken)
            ?? throw (idle ? broken : new HttpRequestException($"The stream broke and cannot be re-joined: {broken.Message}", broken));
        _skipId = _lastEventId;
        await OpenAsync(send, cancellationToken).ConfigureAwait(false);
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

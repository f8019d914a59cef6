namespace WxO.Client.Primitives;

/// <summary>
/// How a client's stream endpoint is opened, re-joined and read. Create one static instance per endpoint and pass the
/// call's state to <see cref="RunClientPipeline.StreamAsync{TState}"/>.
/// </summary>
/// <typeparam name="TState">What the delegates need (e.g. the API and the ids), passed through so they can be static.</typeparam>
public sealed class RunStreamDefinition<TState>
{
    /// <summary>Sends the request that opens the stream (marked <see cref="RunRequestOptions.Streaming"/>).</summary>
    public required Func<TState, CancellationToken, Task<HttpResponseMessage>> Open { get; init; }

    /// <summary>
    /// Re-joins the stream after the connection broke or stayed silent, from <see cref="RunStreamResumePoint.LastEventId"/>;
    /// returns null when this stream cannot be re-joined. Must never re-send a request that starts a run. Null (the default):
    /// a broken stream fails at once.
    /// </summary>
    public Func<TState, RunStreamResumePoint, CancellationToken, Task<HttpResponseMessage>?>? Resume { get; init; }

    /// <summary>Recognises an event that reports the run failed; the stream then ends with <see cref="RunFailedException"/>.</summary>
    public Func<RunStreamEvent, RunFailure?>? FailureOf { get; init; }

    /// <summary>Recognises the event after which nothing more comes; the stream ends there (after yielding it).</summary>
    public Func<RunStreamEvent, bool>? IsLast { get; init; }

    /// <summary>
    /// Proves the end of a stream whose body ended without an <see cref="IsLast"/> event: true when the run is over (the
    /// stream is complete), false when it is not (a proxy closed the connection: a break, re-joined where
    /// <see cref="Resume"/> can, else an <see cref="HttpRequestException"/> that says the answer may be cut). Null (the
    /// default): a clean end of the body ends the stream.
    /// </summary>
    public Func<TState, RunStreamResumePoint, CancellationToken, Task<bool>>? HasEnded { get; init; }
}

/// <summary>Where a broken stream resumes.</summary>
/// <param name="LastEventId">The id of the last event the caller received, if any.</param>
/// <param name="ContentLocation">The <c>Content-Location</c> of the answer that opened the stream (absolute), if it had one.</param>
public sealed record RunStreamResumePoint(string? LastEventId, Uri? ContentLocation);

namespace WxO.Client.Primitives;

/// <summary>
/// How a client's stream endpoint is opened, re-joined and read. Create one static instance per endpoint and pass the
/// call's state to <see cref="RunClientPipeline.StreamAsync{TState, TEvent}"/>.
/// </summary>
/// <typeparam name="TState">What the delegates need (e.g. the API and the ids), passed through so they can be static.</typeparam>
public sealed class RunStreamDefinition<TState>
{
    /// <summary>Sends the request that opens the stream (marked <see cref="RunRequestOptions.Streaming"/>).</summary>
    public required Func<TState, CancellationToken, Task<HttpResponseMessage>> Open { get; init; }

    /// <summary>
    /// Re-joins the stream after the connection broke or stayed silent, from <see cref="RunStreamResumePoint.LastEventId"/>;
    /// returns null when this stream cannot be re-joined. Must never re-send a request that starts a run. Events the server
    /// repeats are dropped by id. Null (the default): a broken stream is recovered by <see cref="Replay"/>, or fails with
    /// <see cref="RunStreamBrokenException"/>.
    /// </summary>
    public Func<TState, RunStreamResumePoint, CancellationToken, Task<HttpResponseMessage>?>? Resume { get; init; }

    /// <summary>
    /// Turns an event as read into the event itself, for servers that wrap events in an envelope (e.g. a JSON line
    /// <c>{"id", "event", "data"}</c>); applied before the delegates below and before the event is yielded. Null: as read.
    /// </summary>
    public Func<RunStreamEvent, RunStreamEvent>? Unwrap { get; init; }

    /// <summary>Recognises an event that reports the run failed; the stream then ends with <see cref="RunFailedException"/>.</summary>
    public Func<RunStreamEvent, RunFailure?>? FailureOf { get; init; }

    /// <summary>Recognises the event after which nothing more comes; the stream ends there (after yielding it).</summary>
    public Func<RunStreamEvent, bool>? IsLast { get; init; }

    /// <summary>
    /// Proves the end of a stream whose body ended without an <see cref="IsLast"/> event: true when the run is over (the
    /// stream is complete), false when it is not (a proxy closed the connection: a break, re-joined or recovered as any other,
    /// else a <see cref="RunStreamBrokenException"/>). Null (the default): a clean end of the body ends the stream.
    /// </summary>
    public Func<TState, RunStreamResumePoint, CancellationToken, Task<bool>>? HasEnded { get; init; }

    /// <summary>
    /// Finds the run an event names (e.g. in a <c>metadata</c> or <c>run.started</c> event): the first one found is the
    /// stream's run, used by <see cref="Replay"/> and reported on <see cref="RunStreamBrokenException.RunId"/>.
    /// </summary>
    public Func<RunStreamEvent, string?>? RunIdOf { get; init; }

    /// <summary>
    /// Recovers a stream that broke where <see cref="Resume"/> cannot re-join it: reads every event the run has sent so far
    /// (e.g. from the run's events endpoint), with whether the run was already over when they were read. The stream then
    /// yields the events after the last one the caller received, reading again (backing off) until the run is over. Needs
    /// the run id (<see cref="RunIdOf"/>) and event ids. Null (the default): no recovery.
    /// </summary>
    public Func<TState, string, CancellationToken, Task<RunStreamReplay>>? Replay { get; init; }

    /// <summary>
    /// True when this call asked for its run to be cancelled if the caller leaves the stream before its end (for servers
    /// with no on-disconnect setting of their own). The run is then cancelled with <see cref="CancelRun"/> once its id is
    /// known: if the caller left before the stream named its run, the client reads on for it (up to 30 s), also awaiting a
    /// request whose answer had not come yet. Null (the default): never.
    /// </summary>
    public Func<TState, bool>? CancelsOnExit { get; init; }

    /// <summary>Cancels a run by id, for <see cref="CancelsOnExit"/>.</summary>
    public Func<TState, string, CancellationToken, Task>? CancelRun { get; init; }
}

/// <summary>What <see cref="RunStreamDefinition{TState}.Replay"/> read.</summary>
/// <param name="events">Every event of the run so far, in order.</param>
/// <param name="runEnded">True when the run was over before the events were read, so <paramref name="events"/> is all of them.</param>
public sealed class RunStreamReplay(IReadOnlyList<RunStreamEvent> events, bool runEnded)
{
    /// <summary>Every event of the run so far, in order.</summary>
    public IReadOnlyList<RunStreamEvent> Events { get; } = events ?? throw new ArgumentNullException(nameof(events));

    /// <summary>True when the run was over before the events were read, so <see cref="Events"/> is all of them.</summary>
    public bool RunEnded { get; } = runEnded;
}

/// <summary>Where a broken stream resumes.</summary>
/// <param name="LastEventId">The id of the last event the caller received, if any.</param>
/// <param name="ContentLocation">The <c>Content-Location</c> of the answer that opened the stream (absolute), if it had one.</param>
public sealed record RunStreamResumePoint(string? LastEventId, Uri? ContentLocation);

using System.Text.Json;
using LangGraph.Client.Models;
using WxO.Client;

namespace LangGraph.Client;

/// <summary>
/// The runs of a LangGraph / LangSmith Agent Server: read, list, start (on a thread, stateless, in batches, on a schedule),
/// stream, wait for, cancel and delete them; the threads they run on (state, edits, history, search); and the assistants
/// they start. Also an <see cref="IRunSource"/> named <c>"langgraph"</c>. The members are grouped by family in this
/// interface's files: runs, <c>.Stateless</c>, <c>.Threads</c>, <c>.Assistants</c>, <c>.Crons</c>.
/// </summary>
/// <remarks>
/// Every method checks its arguments before any request (<see cref="ArgumentException"/>: an empty id, a request without
/// an assistant, conflicting options). Errors: <see cref="RunNotFoundException"/> (404 of a run; a missing thread, assistant
/// or cron is a <see cref="ResourceNotFoundException"/> saying which), <see cref="RunValidationException"/>
/// (400/422), <see cref="RunAuthenticationException"/> (401/403), <see cref="RunApiException"/> (any other error answer,
/// or a body that is not the model), <see cref="TimeoutException"/>, <see cref="HttpRequestException"/> (unreachable after
/// retries). A request that starts a run (create, stream, wait, batch) is never retried once it may have reached the server:
/// only a failure to connect is retried, so a retry cannot start a second run.
/// </remarks>
public partial interface ILangGraphRunsClient : IRunSource
{
    /// <summary>Reads one run of a thread (<c>GET /threads/{thread_id}/runs/{run_id}</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ThreadRun> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one page of a thread's runs (<c>GET /threads/{thread_id}/runs</c>), in the order the server keeps them: the
    /// LangGraph.js server lists them oldest first.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="limit">Page size (≥ 1); the server's default (10) when null.</param>
    /// <param name="offset">Runs to skip (≥ 0). LangGraph.js servers answer an offset above 0 wrongly (often with an empty page).</param>
    /// <param name="status">Only runs with this status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<ThreadRun>> ListThreadRunsAsync(
        Guid threadId, int? limit = null, int? offset = null, ThreadRunStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over all runs of a thread, one page request at a time as you consume them. Yields every run once and ends on
    /// an empty or short page, or on a page that brings no run not yet yielded, so it never loops (it remembers the ids it
    /// yielded: 16 bytes per run). On LangGraph.js servers, whose <c>offset</c> handling is broken, you get the first page
    /// only: choose a <paramref name="pageSize"/> above the thread's run count there.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="pageSize">Runs per request (≥ 1).</param>
    /// <param name="status">Only runs with this status.</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    IAsyncEnumerable<ThreadRun> EnumerateThreadRunsAsync(
        Guid threadId, int pageSize = 100, ThreadRunStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a background run (<c>POST /threads/{thread_id}/runs</c>) and returns it, usually <c>pending</c>.</summary>
    /// <param name="threadId">The thread id (see <see cref="CreateThreadAsync"/>).</param>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Cancels the call (the run may still start if the request was sent).</param>
    Task<ThreadRun> CreateThreadRunAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a run and yields its events as the server sends them (<c>POST /threads/{thread_id}/runs/stream</c>): first
    /// <c>metadata</c> (with the <c>run_id</c>), then one event per <see cref="ThreadRunRequest.StreamMode"/> and step. The
    /// enumeration ends when the run ends; an <c>error</c> event ends it with <see cref="RunFailedException"/>. A broken or
    /// silent connection is re-joined through the run's stream endpoint with <c>Last-Event-ID</c> (never by posting again),
    /// asking again for the request's stream modes and subgraphs; each event reaches the caller once. For that the run is
    /// created resumable (<see cref="ThreadRunRequest.StreamResumable"/> is sent as true unless you set it to false; with
    /// false a broken stream is not re-joined but ends with <see cref="RunStreamBrokenException"/>). Stopping the enumeration
    /// closes the connection (the run goes on unless <see cref="ThreadRunRequest.OnDisconnect"/> is cancel).
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Cancels the stream and closes the connection.</param>
    IAsyncEnumerable<ThreadRunEvent> StreamThreadRunAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Joins the stream of a run that is already going (<c>GET /threads/{thread_id}/runs/{run_id}/stream</c>), from the event
    /// after <paramref name="lastEventId"/> (resumable runs), or from now. Ends, fails and re-joins like <see cref="StreamThreadRunAsync"/>.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="lastEventId">The id of the last event you received (<see cref="ThreadRunEvent.Id"/>); null to join from now.</param>
    /// <param name="streamMode">What the joined stream carries; the run's own stream modes when null. The server reads this per
    /// stream, not from the run: a run started with several modes, joined without them, streams <c>values</c> only.</param>
    /// <param name="streamSubgraphs">Also stream the subgraphs' events (<see cref="ThreadRunEvent.Namespace"/>); asked again on every re-join.</param>
    /// <param name="cancellationToken">Cancels the stream and closes the connection.</param>
    IAsyncEnumerable<ThreadRunEvent> JoinThreadRunStreamAsync(
        Guid threadId, Guid runId, string? lastEventId = null, IReadOnlyList<StreamMode>? streamMode = null, bool streamSubgraphs = false,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a run and waits for its final output (<c>POST /threads/{thread_id}/runs/wait</c>): the thread's state values, or
    /// <c>{"__interrupt__": [...]}</c> when the run stopped to ask for input. A failed run ends in <see cref="RunFailedException"/>.
    /// Bounded by <see cref="WxO.Client.RunResilienceOptions.LongPollTimeout"/> and your token, not by the short-call timeout.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Cancels the wait (the run goes on unless <see cref="ThreadRunRequest.OnDisconnect"/> says cancel).</param>
    Task<JsonElement> CreateThreadRunAndWaitAsync(Guid threadId, ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for a run to end and returns its final output (<c>GET /threads/{thread_id}/runs/{run_id}/join</c>); a failed run
    /// ends in <see cref="RunFailedException"/>. Long-poll: bounded like <see cref="CreateThreadRunAndWaitAsync"/>.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the wait (not the run).</param>
    Task<JsonElement> JoinThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a run (<c>POST /threads/{thread_id}/runs/{run_id}/cancel</c>). Succeeds for 200, 202 and 204 alike; cancelling a
    /// run that already ended is not an error.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="action"><see cref="RunCancelAction.Interrupt"/> (when null) keeps the run's work; <see cref="RunCancelAction.Rollback"/> deletes the run.</param>
    /// <param name="wait">Return only once the run has stopped.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CancelThreadRunAsync(Guid threadId, Guid runId, RunCancelAction? action = null, bool wait = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes a finished run (<c>DELETE /threads/{thread_id}/runs/{run_id}</c>); 200, 202 and 204 alike are success.</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Creates a thread for runs to work on (<c>POST /threads</c>).</summary>
    /// <param name="request">Its id, metadata and what to do if the id exists; all optional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphThread> CreateThreadAsync(LangGraphThreadRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Reads a thread, with its status and pending interrupts (<c>GET /threads/{thread_id}</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphThread> GetThreadAsync(Guid threadId, CancellationToken cancellationToken = default);
}

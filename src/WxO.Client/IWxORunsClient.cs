using WxO.Client.Models;

namespace WxO.Client;

/// <summary>
/// Starts, follows, reads and cancels IBM watsonx Orchestrate runs. Also an <see cref="IRunSource"/> named <c>"wxo"</c>.
/// </summary>
public interface IWxORunsClient : IRunSource
{
    /// <summary>Reads one run (<c>GET /v1/orchestrate/runs/{run_id}</c>).</summary>
    /// <param name="runId">The run id; sent as one escaped path segment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is empty, whitespace, <c>.</c> or <c>..</c> (no request is made).</exception>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="RunAuthenticationException">The credentials were rejected.</exception>
    /// <exception cref="RunApiException">Any other error answer, or a body that is not a run.</exception>
    /// <exception cref="TimeoutException">The call did not finish within the configured timeout.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached, after retries.</exception>
    Task<AssistantRun> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of runs (<c>GET /v1/orchestrate/runs?limit=&amp;offset=</c>).</summary>
    /// <param name="limit">Page size (≥ 1); the server's default when null.</param>
    /// <param name="offset">Runs to skip (≥ 0); 0 when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> &lt; 1 or <paramref name="offset"/> &lt; 0 (no request is made).</exception>
    Task<AssistantRunPage> ListRunsAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over all runs, one page request at a time as you consume them. Ends when the offset reaches
    /// <c>total</c>, on an empty or short page, or when a page brings no new run (a server that ignores
    /// <c>offset</c> cannot make it loop forever). Runs repeated from the previous page are skipped.
    /// </summary>
    /// <param name="pageSize">Runs per request (≥ 1).</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> &lt; 1 (thrown before any request).</exception>
    IAsyncEnumerable<AssistantRun> EnumerateRunsAsync(int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a message to an agent, which starts a run (<c>POST /v1/orchestrate/runs</c>), and returns the run's ids. Follow
    /// it with <c>WaitForCompletionAsync(ids.ToRunReference())</c>; a run that stops with <c>requires_input</c> is answered by
    /// another run on the same thread (<see cref="CreateRunRequest.ThreadId"/>). Never retried once the request may have
    /// reached the server (a retry would start a second run); a failure to connect is retried.
    /// </summary>
    /// <param name="request">The message and run options.</param>
    /// <param name="cancellationToken">Cancels the call (the run may still start if the request was sent).</param>
    /// <exception cref="ArgumentException">The request has no message, role or content, or an empty agent or thread id (no request is made).</exception>
    Task<AssistantRunIds> CreateRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a message to an agent and yields the run's events as they arrive (<c>POST /v1/orchestrate/runs/stream</c>).
    /// Reads Server-Sent Events, JSON lines (<c>{"event", "data"}</c> per line) and <c>data:</c> lines alike, never buffering
    /// the whole body. Ends after <c>done</c>, <c>run.completed</c>, <c>run.cancelled</c> or <c>run.expired</c>;
    /// <c>run.failed</c> ends it with <see cref="RunFailedException"/>. The short-call timeout does not cut a healthy stream.
    /// A stream that breaks (a reset, silence past <see cref="RunClientOptions.StreamIdleTimeout"/>, or a body that ends
    /// before its end event: a proxy closing the connection) is never re-posted, which would start a second run, and never a
    /// quiet success: the rest of the run's events are read from its record (<c>GET …/runs/{run_id}/events</c>, again until
    /// the run stops), each yielded once. When that is impossible (no event named the run yet, or the record does not hold
    /// the last event received) it fails with <see cref="RunStreamBrokenException"/>, which carries the run id. Stopping the
    /// enumeration closes the connection at once; the run goes on unless <see cref="CreateRunRequest.CancelOnDisconnect"/>.
    /// </summary>
    /// <param name="request">The message and run options.</param>
    /// <param name="cancellationToken">Cancels the stream and closes the connection.</param>
    /// <exception cref="ArgumentException">The request is incomplete (thrown at the call, before any request).</exception>
    IAsyncEnumerable<AssistantRunEvent> StreamRunAsync(CreateRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a run (<c>POST /v1/orchestrate/runs/cancel/{run_id}</c>) and returns its ids. Cancelling a run that already
    /// ended is not an error: when the server refuses (a 4xx other than 401/403/404), the run is read, and if it is over its
    /// ids are returned (read its final state with <see cref="GetRunAsync"/>).
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    Task<AssistantRunIds> CancelRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads the events a run produced so far (<c>GET /v1/orchestrate/runs/{run_id}/events</c>), unknown event names kept as they are.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<AssistantRunEvent>> GetRunEventsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads a thread's messages, oldest first (<c>GET /v1/orchestrate/threads/{thread_id}/messages</c>, as IBM's ADK reads
    /// a conversation): the user's messages and the agent's answers, with the tool steps behind each answer. Accepts a bare
    /// list or a <c>{"data": [...]}</c> page alike, as the ADK does.
    /// </summary>
    /// <param name="threadId">The thread id (a run's <see cref="AssistantRunIds.ThreadId"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="threadId"/> is empty, whitespace, <c>.</c> or <c>..</c> (no request is made).</exception>
    /// <exception cref="ResourceNotFoundException">No such thread.</exception>
    Task<IReadOnlyList<ThreadMessage>> GetThreadMessagesAsync(string threadId, CancellationToken cancellationToken = default);
}

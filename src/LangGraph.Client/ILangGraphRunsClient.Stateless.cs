using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LangGraph.Client.Models;

namespace LangGraph.Client;

// Stateless runs (no thread of the caller's), batches, cancelling many, and the typed outputs of wait and join.
public partial interface ILangGraphRunsClient
{
    /// <summary>
    /// Starts a background run without a thread (<c>POST /runs</c>): the server makes a thread for it, deleted when the run
    /// ends unless <see cref="ThreadRunRequest.OnCompletion"/> is <see cref="RunOnCompletion.Keep"/>.
    /// </summary>
    /// <param name="request">The run to start (the thread-only fields are refused).</param>
    /// <param name="cancellationToken">Cancels the call (the run may still start if the request was sent).</param>
    Task<ThreadRun> CreateRunAsync(ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a run without a thread and yields its events (<c>POST /runs/stream</c>). Ends, fails and re-joins like
    /// <see cref="StreamThreadRunAsync"/>, with one difference: the re-join (<c>GET /runs/{run_id}/stream</c>, a LangGraph.js
    /// endpoint) is made only after an event with an id, since one made without would stream from now and lose the gap. Where
    /// the events carry no ids (LangGraph.js sends none on this endpoint) or the server lacks the endpoint, a broken stream
    /// ends with <see cref="WxO.Client.RunStreamBrokenException"/>. A stateless run cannot be read back, so a body that ends
    /// cleanly ends the stream.
    /// </summary>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Cancels the stream and closes the connection.</param>
    IAsyncEnumerable<ThreadRunEvent> StreamRunAsync(ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts a run without a thread and waits for its output (<c>POST /runs/wait</c>); otherwise as <see cref="CreateThreadRunAndWaitAsync"/>.</summary>
    /// <param name="request">The run to start.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task<JsonElement> CreateRunAndWaitAsync(ThreadRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts a run without a thread and waits for its output, read as <typeparamref name="T"/> (AOT-safe: give the source-generated metadata).</summary>
    /// <typeparam name="T">The graph's output type.</typeparam>
    /// <param name="request">The run to start.</param>
    /// <param name="outputType">The metadata of <typeparamref name="T"/> (e.g. <c>MyJsonContext.Default.MyOutput</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="WxO.Client.RunApiException">The output is not a <typeparamref name="T"/> (the message says which JSON path does not fit).</exception>
    Task<T> CreateRunAndWaitAsync<T>(ThreadRunRequest request, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default);

    /// <summary>Starts a run on a thread and waits for its output, read as <typeparamref name="T"/>; otherwise as <see cref="CreateThreadRunAndWaitAsync"/>.</summary>
    /// <typeparam name="T">The graph's output type (its state, or a type that also reads <c>__interrupt__</c> when the run can stop for input).</typeparam>
    /// <param name="threadId">The thread id.</param>
    /// <param name="request">The run to start.</param>
    /// <param name="outputType">The metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="WxO.Client.RunApiException">The output is not a <typeparamref name="T"/> (the message says which JSON path does not fit).</exception>
    Task<T> CreateThreadRunAndWaitAsync<T>(Guid threadId, ThreadRunRequest request, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default);

    /// <summary>Waits for a run to end and returns its output read as <typeparamref name="T"/>; otherwise as <see cref="JoinThreadRunAsync"/>.</summary>
    /// <typeparam name="T">The graph's output type.</typeparam>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="outputType">The metadata of <typeparamref name="T"/>.</param>
    /// <param name="cancellationToken">Cancels the wait (not the run).</param>
    /// <exception cref="WxO.Client.RunApiException">The output is not a <typeparamref name="T"/> (the message says which JSON path does not fit).</exception>
    Task<T> JoinThreadRunAsync<T>(Guid threadId, Guid runId, JsonTypeInfo<T> outputType, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts several stateless runs in one request (<c>POST /runs/batch</c>) and returns them in the order given. Never
    /// retried once sent (a retry could start them twice).
    /// </summary>
    /// <param name="requests">The runs to start (at least one; each as for <see cref="CreateRunAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the call (the runs may still start if the request was sent).</param>
    Task<IReadOnlyList<ThreadRun>> CreateRunsAsync(IReadOnlyList<ThreadRunRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Cancels the given runs of a thread (<c>POST /runs/cancel</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runIds">The runs to cancel (at least one).</param>
    /// <param name="action"><see cref="RunCancelAction.Interrupt"/> (when null) or <see cref="RunCancelAction.Rollback"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CancelRunsAsync(Guid threadId, IReadOnlyList<Guid> runIds, RunCancelAction? action = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels every run with a status, on every thread (<c>POST /runs/cancel</c>), e.g. all pending ones.</summary>
    /// <param name="status">Which runs: <see cref="RunsCancelStatus.Pending"/>, <see cref="RunsCancelStatus.Running"/> or <see cref="RunsCancelStatus.All"/>.</param>
    /// <param name="action"><see cref="RunCancelAction.Interrupt"/> (when null) or <see cref="RunCancelAction.Rollback"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CancelRunsAsync(RunsCancelStatus status, RunCancelAction? action = null, CancellationToken cancellationToken = default);
}

using Microsoft.Extensions.AI;

namespace WxO.Client.Primitives;

/// <summary>
/// One agent of a run server as the agents layer drives it: how the vendor starts a conversation (a thread) and turns a
/// turn (new messages) into a run whose stream it maps onto <see cref="ChatResponseUpdate"/>s. The vendor-neutral half
/// (<see cref="RunChatClient"/>, <see cref="RunAgent"/>: conversation ids, sessions, assembly of a whole response) is the
/// core's; a vendor package implements this class once.
/// </summary>
public abstract class RunAgentConnector
{
    /// <summary>The provider name, as OpenTelemetry's GenAI conventions would name it (e.g. the vendor's source name).</summary>
    public abstract string ProviderName { get; }

    /// <summary>The server's base address, if known.</summary>
    public abstract Uri? Endpoint { get; }

    /// <summary>The agent on the server (an assistant or graph id, an agent id).</summary>
    public abstract string AgentId { get; }

    /// <summary>
    /// Creates a conversation (a thread) on the server and returns its id; or null where the server creates the thread with
    /// the first run (then <see cref="RunTurnAsync"/> gets no thread id and its updates carry the new thread's id as
    /// <see cref="ChatResponseUpdate.ConversationId"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<string?> CreateThreadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Checks a turn before anything is sent (no thread is created for a turn that cannot run): throw
    /// <see cref="NotSupportedException"/> for what the server cannot take, <see cref="ArgumentException"/> for what is wrong.
    /// Accepts anything by default.
    /// </summary>
    /// <param name="messages">The turn's new messages.</param>
    /// <param name="options">The caller's chat options, if any.</param>
    public virtual void ValidateTurn(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
    }

    /// <summary>
    /// Runs one turn on a thread: sends <paramref name="messages"/> (the new input of this turn) and yields the run's output
    /// as it arrives. Each update carries the run id as <see cref="ChatResponseUpdate.ResponseId"/> and the vendor's event as
    /// <see cref="ChatResponseUpdate.RawRepresentation"/>; the caller stamps the thread id where the connector did not.
    /// </summary>
    /// <param name="threadId">The thread; null for a new one where <see cref="CreateThreadAsync"/> leaves it to the first run.</param>
    /// <param name="messages">The turn's new messages; refuse what the server cannot take with <see cref="NotSupportedException"/>.</param>
    /// <param name="options">
    /// The caller's chat options, if any. With <see cref="ChatOptions.AllowBackgroundResponses"/>, the run must outlive a
    /// disconnect and each update but the last carries a <see cref="RunContinuationToken"/> after its event.
    /// </param>
    /// <param name="cancellationToken">Disconnects from the run (it goes on, unless the server is told otherwise).</param>
    public abstract IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a turn's run and returns at once, without reading its output (a non-streamed background response): the token
    /// names the run and its thread, and no event has been seen.
    /// </summary>
    /// <param name="threadId">The thread; null for a new one where <see cref="CreateThreadAsync"/> leaves it to the first run.</param>
    /// <param name="messages">The turn's new messages.</param>
    /// <param name="options">The caller's chat options, if any.</param>
    /// <param name="cancellationToken">Cancels the call (the run may start anyway if the request was sent).</param>
    public abstract Task<RunContinuationToken> StartTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken);

    /// <summary>Whether the token's run has stopped: finished, failed, cancelled, or waiting for the user's answer.</summary>
    /// <param name="token">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<bool> IsTurnDoneAsync(RunContinuationToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Yields a run's output after <see cref="RunContinuationToken.LastEventId"/> (from its first event when null) to its
    /// end: every event exactly once across resumes. Each update but the last carries the token after its event as
    /// <see cref="ChatResponseUpdate.ContinuationToken"/>, as <see cref="RunTurnAsync"/> does when
    /// <see cref="ChatOptions.AllowBackgroundResponses"/> is set.
    /// </summary>
    /// <param name="token">The run and the last event seen.</param>
    /// <param name="cancellationToken">Disconnects from the run (it goes on).</param>
    public abstract IAsyncEnumerable<ChatResponseUpdate> ResumeTurnAsync(RunContinuationToken token, CancellationToken cancellationToken);

    /// <summary>Stops a run on the server (what a caller's cancellation token never does: it only disconnects).</summary>
    /// <param name="threadId">The run's thread.</param>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken);

    /// <summary>A service the connector can give (e.g. the vendor's runs client); null by default.</summary>
    /// <param name="serviceType">The service's type.</param>
    /// <param name="serviceKey">An optional key.</param>
    public virtual object? GetService(Type serviceType, object? serviceKey = null) => null;
}

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

    /// <summary>Creates a conversation (a thread) on the server and returns its id.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public abstract Task<string> CreateThreadAsync(CancellationToken cancellationToken);

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
    /// <see cref="ChatResponseUpdate.RawRepresentation"/>; the caller stamps the thread id.
    /// </summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="messages">The turn's new messages; refuse what the server cannot take with <see cref="NotSupportedException"/>.</param>
    /// <param name="options">The caller's chat options, if any.</param>
    /// <param name="cancellationToken">Disconnects from the run (it goes on, unless the server is told otherwise).</param>
    public abstract IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
        string threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken);

    /// <summary>A service the connector can give (e.g. the vendor's runs client); null by default.</summary>
    /// <param name="serviceType">The service's type.</param>
    /// <param name="serviceKey">An optional key.</param>
    public virtual object? GetService(Type serviceType, object? serviceKey = null) => null;
}

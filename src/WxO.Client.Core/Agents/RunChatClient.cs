using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>
/// An agent of a run server as a Microsoft.Extensions.AI <see cref="IChatClient"/>. A conversation is a thread on the
/// server: pass its id as <see cref="ChatOptions.ConversationId"/> (each response carries it) and send only the new
/// messages, the server keeps the history. Without a conversation id, each call starts a new thread with the messages it
/// is given (stateless use, as with any chat client). <see cref="ChatResponse.ResponseId"/> is the run id. Get one from
/// the vendor client (e.g. <c>AsChatClient(agentId)</c>); thread-safe.
/// </summary>
public sealed class RunChatClient : IChatClient
{
    private readonly RunAgentConnector _connector;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates the client over a vendor's connector.</summary>
    /// <param name="connector">The agent on the server.</param>
    public RunChatClient(RunAgentConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _connector = connector;
        _metadata = new ChatClientMetadata(connector.ProviderName, connector.Endpoint, connector.AgentId);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call.
        var turn = Turn.Of(messages);
        _connector.ValidateTurn(turn, options);
        return StreamAsync(turn, options, cancellationToken);
    }

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threadId = options?.ConversationId is { Length: > 0 } conversation
            ? conversation
            : await _connector.CreateThreadAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var update in _connector.RunTurnAsync(threadId, messages, options, cancellationToken).ConfigureAwait(false))
        {
            update.ConversationId = threadId;
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? _connector.GetService(serviceType, serviceKey)
            : serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_connector) ? _connector
            : _connector.GetService(serviceType);
    }

    /// <summary>Nothing to release: the runs client it uses belongs to its container (or to you).</summary>
    public void Dispose()
    {
    }
}

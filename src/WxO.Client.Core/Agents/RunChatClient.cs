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
    /// <remarks>
    /// With <see cref="ChatOptions.AllowBackgroundResponses"/>, the run is started and the response returns at once with a
    /// <see cref="RunContinuationToken"/>; passing it back (with no messages) returns the run's whole output once it has
    /// stopped, or the token again while it runs.
    /// </remarks>
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => Turn.GetAsync(_connector, Thread(options), messages, options, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// With <see cref="ChatOptions.AllowBackgroundResponses"/>, the run outlives a disconnect and each update but the last
    /// carries a <see cref="RunContinuationToken"/>; passing the last one received back (with no messages) resumes the
    /// stream after that update's event, in this process or another.
    /// </remarks>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call.
        if (Turn.Continuing(_connector, messages, options?.ContinuationToken) is { } token)
        {
            return Turn.ResumeAsync(_connector, token, cancellationToken);
        }

        var turn = Turn.Of(messages);
        _connector.ValidateTurn(turn, options);
        return Turn.StreamAsync(_connector, Thread(options), turn, options, cancellationToken);
    }

    /// <summary>
    /// Stops a run on the server: the response whose <see cref="ChatResponse.ResponseId"/> (run) and
    /// <see cref="ChatResponse.ConversationId"/> (thread) are given, or a <see cref="RunContinuationToken"/>'s
    /// <see cref="RunContinuationToken.ThreadId"/> and <see cref="RunContinuationToken.RunId"/>. Cancelling a call's token
    /// only disconnects from its run.
    /// </summary>
    /// <param name="conversationId">The response's conversation id (the thread).</param>
    /// <param name="responseId">The response id (the run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public Task CancelRunAsync(string conversationId, string responseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(responseId);
        return _connector.CancelRunAsync(conversationId, responseId, cancellationToken);
    }

    /// <summary>The conversation's thread, or a new one for a call without a conversation id.</summary>
    private Turn.Thread Thread(ChatOptions? options)
        => options?.ConversationId is { Length: > 0 } conversation
            ? new(_ => Task.FromResult<string?>(conversation), null)
            : new(_connector.CreateThreadAsync, null);

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

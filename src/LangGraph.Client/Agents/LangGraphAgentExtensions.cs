using LangGraph.Client.Agents;
using Microsoft.Extensions.AI;
using WxO.Client;

namespace LangGraph.Client;

/// <summary>A LangGraph assistant as a Microsoft.Extensions.AI <see cref="IChatClient"/> or an Agent Framework agent.</summary>
public static class LangGraphAgentExtensions
{
    /// <summary>
    /// The assistant (or graph) as an <see cref="IChatClient"/>: a conversation is a thread (<see cref="ChatOptions.ConversationId"/>),
    /// a response is a run, whose tokens stream as <see cref="TextContent"/>. The graph's input is
    /// <c>{"messages": [{role, content}]}</c> (LangGraph's <c>MessagesAnnotation</c>); text messages only.
    /// </summary>
    /// <param name="client">The runs client.</param>
    /// <param name="assistantId">The graph id (as in <c>langgraph.json</c>) or an assistant id.</param>
    /// <param name="options">How the graph takes a turn, if its input is not <c>{"messages": [...]}</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="assistantId"/> or the options' messages key is empty.</exception>
    public static RunChatClient AsChatClient(this ILangGraphRunsClient client, string assistantId, LangGraphAgentOptions? options = null)
        => new(Connector(client, assistantId, options));

    /// <summary>
    /// The assistant (or graph) as an Agent Framework agent (<see cref="RunAgent"/>): its session is a thread, created on the
    /// session's first run and kept across processes by serializing the session.
    /// </summary>
    /// <param name="client">The runs client.</param>
    /// <param name="assistantId">The graph id (as in <c>langgraph.json</c>) or an assistant id.</param>
    /// <param name="name">The agent's display name; the assistant id when null.</param>
    /// <param name="description">What the agent does.</param>
    /// <param name="options">How the graph takes a turn, if its input is not <c>{"messages": [...]}</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="assistantId"/> or the options' messages key is empty.</exception>
    public static RunAgent AsAIAgent(
        this ILangGraphRunsClient client, string assistantId, string? name = null, string? description = null, LangGraphAgentOptions? options = null)
        => new(Connector(client, assistantId, options), name, description);

    internal static LangGraphAgentConnector Connector(ILangGraphRunsClient client, string assistantId) => Connector(client, assistantId, null);

    private static LangGraphAgentConnector Connector(ILangGraphRunsClient client, string assistantId, LangGraphAgentOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(assistantId);
        if (options is not null && string.IsNullOrWhiteSpace(options.MessagesKey))
        {
            throw new ArgumentException("LangGraphAgentOptions.MessagesKey must name a state key.", nameof(options));
        }

        return new LangGraphAgentConnector(client, assistantId, (client as LangGraphRunsClient)?.BaseAddress, options);
    }
}

using Microsoft.Extensions.AI;
using WxO.Client.Agents;

namespace WxO.Client;

/// <summary>An Orchestrate agent as a Microsoft.Extensions.AI <see cref="IChatClient"/> or an Agent Framework agent.</summary>
public static class WxOAgentExtensions
{
    /// <summary>
    /// The agent as an <see cref="IChatClient"/>: a conversation is a thread (<see cref="ChatOptions.ConversationId"/>; the
    /// server creates it with the first run and each response names it), a response is a run whose tokens stream as
    /// <see cref="TextContent"/>. A turn is the user's text: several text messages are sent as one, a blank line apart;
    /// other roles and non-text content are refused with <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="client">The runs client.</param>
    /// <param name="agentId">The agent id.</param>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is empty.</exception>
    public static RunChatClient AsChatClient(this IWxORunsClient client, string agentId)
        => new(Connector(client, agentId));

    /// <summary>
    /// The agent as an Agent Framework agent (<see cref="RunAgent"/>): its session is a thread, named by the server on the
    /// session's first run and kept across processes by serializing the session.
    /// </summary>
    /// <param name="client">The runs client.</param>
    /// <param name="agentId">The agent id.</param>
    /// <param name="name">The agent's display name; the agent id when null.</param>
    /// <param name="description">What the agent does.</param>
    /// <exception cref="ArgumentException"><paramref name="agentId"/> is empty.</exception>
    public static RunAgent AsAIAgent(this IWxORunsClient client, string agentId, string? name = null, string? description = null)
        => new(Connector(client, agentId), name, description);

    internal static WxOAgentConnector Connector(IWxORunsClient client, string agentId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        return new WxOAgentConnector(client, agentId, (client as WxORunsClient)?.BaseAddress);
    }
}

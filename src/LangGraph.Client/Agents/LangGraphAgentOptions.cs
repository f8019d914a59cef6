using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace LangGraph.Client;

/// <summary>
/// How a graph takes a chat turn, for graphs whose input is not LangGraph's <c>MessagesAnnotation</c>
/// (<c>{"messages": [{role, content}]}</c>, the default).
/// </summary>
public sealed class LangGraphAgentOptions
{
    /// <summary>The state key of the messages by default: <c>messages</c>.</summary>
    public const string DefaultMessagesKey = "messages";

    /// <summary>
    /// The state key the turn's messages go under (<c>{"&lt;key&gt;": [{role, content}]}</c>); default <c>messages</c>.
    /// </summary>
    public string MessagesKey { get; set; } = DefaultMessagesKey;

    /// <summary>
    /// Builds the graph's whole input from the turn's messages instead (e.g. <c>{"question": text}</c>); the messages
    /// have been checked (text only). Answers to the graph's questions do not go through it: they resume the run.
    /// </summary>
    public Func<IReadOnlyList<ChatMessage>, JsonNode>? CreateInput { get; set; }
}

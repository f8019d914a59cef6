using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using Microsoft.Extensions.AI;
using WxO.Client.Primitives;

namespace LangGraph.Client.Agents;

/// <summary>
/// A LangGraph assistant (or graph) as the agents layer drives it: a conversation is a thread; a turn is a streamed run
/// whose input is <c>{"messages": [{role, content}]}</c> (the shape of LangGraph's <c>MessagesAnnotation</c>) and whose
/// <c>messages-tuple</c> stream gives the tokens. The mapping follows the LangGraph SDKs' stream parts.
/// </summary>
internal sealed class LangGraphAgentConnector(ILangGraphRunsClient client, string assistantId, Uri? endpoint) : RunAgentConnector
{
    private static readonly IReadOnlyList<StreamMode> Modes = [StreamMode.MessagesTuple, StreamMode.Updates];

    public override string ProviderName => LangGraphRunsClient.SourceName;

    public override Uri? Endpoint => endpoint;

    public override string AgentId => assistantId;

    public override async Task<string> CreateThreadAsync(CancellationToken cancellationToken)
        => (await client.CreateThreadAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).ThreadId.ToString();

    public override void ValidateTurn(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Input(messages);

    public override IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
        string threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(threadId, out var thread) || thread == Guid.Empty)
        {
            throw new ArgumentException($"'{threadId}' is not a LangGraph thread id (a GUID).", nameof(threadId));
        }

        var request = new ThreadRunRequest { AssistantId = assistantId, Input = Input(messages), StreamMode = Modes };
        return MapAsync(client.StreamThreadRunAsync(thread, request, cancellationToken), cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType.IsInstanceOfType(client) ? client : null;

    /// <summary>The turn's messages as the graph's input: <c>{"messages": [{"role", "content"}]}</c>; text only.</summary>
    internal static JsonObject Input(IReadOnlyList<ChatMessage> messages)
    {
        var list = new JsonArray();
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is not TextContent)
                {
                    throw new NotSupportedException(
                        $"A LangGraph turn takes text messages; a {content.GetType().Name} cannot be sent as a message's content.");
                }
            }

            list.Add((JsonNode)new JsonObject { ["role"] = message.Role.Value, ["content"] = message.Text });
        }

        return new JsonObject { ["messages"] = list };
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> MapAsync(
        IAsyncEnumerable<ThreadRunEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? runId = null;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (e.Event == ThreadRunEventType.Metadata)
            {
                runId = String(e.Data, "run_id") ?? runId;
            }
            else if (BaseName(e.Event) == ThreadRunEventType.Messages.Value && MessageChunk(e, runId) is { } update)
            {
                yield return update;
            }
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = runId, FinishReason = ChatFinishReason.Stop };
    }

    /// <summary>
    /// A <c>messages-tuple</c> event, <c>[message chunk, metadata]</c>: the text of an AI message chunk (a string, or the
    /// <c>text</c> blocks of a content list), with the node that wrote it as the author.
    /// </summary>
    private static ChatResponseUpdate? MessageChunk(ThreadRunEvent e, string? runId)
    {
        if (e.Data.ValueKind != JsonValueKind.Array || e.Data.GetArrayLength() == 0)
        {
            return null;
        }

        var chunk = e.Data[0];
        if (chunk.ValueKind != JsonValueKind.Object || String(chunk, "type") is not ("ai" or "AIMessageChunk"))
        {
            return null;
        }

        var contents = new List<AIContent>();
        if (chunk.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } text)
            {
                contents.Add(new TextContent(text) { RawRepresentation = chunk });
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in content.EnumerateArray())
                {
                    if (block.ValueKind == JsonValueKind.Object && String(block, "type") == "text" && String(block, "text") is { Length: > 0 } blockText)
                    {
                        contents.Add(new TextContent(blockText) { RawRepresentation = block });
                    }
                }
            }
        }

        if (contents.Count == 0)
        {
            return null;
        }

        var metadata = e.Data.GetArrayLength() > 1 ? e.Data[1] : default;
        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = runId,
            MessageId = String(chunk, "id"),
            AuthorName = metadata.ValueKind == JsonValueKind.Object ? String(metadata, "langgraph_node") : null,
            RawRepresentation = e,
        };
    }

    /// <summary>The event's name without a subgraph's namespace (<c>messages|child:1</c> is <c>messages</c>).</summary>
    private static string BaseName(ThreadRunEventType name)
        => name.Value is { } value && value.IndexOf('|', StringComparison.Ordinal) is var bar and >= 0 ? value[..bar] : name.Value ?? string.Empty;

    private static string? String(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using Microsoft.Extensions.AI;
using WxO.Client;
using WxO.Client.Primitives;

namespace LangGraph.Client.Agents;

/// <summary>
/// A LangGraph assistant (or graph) as the agents layer drives it: a conversation is a thread; a turn is a streamed run
/// whose input is <c>{"messages": [{role, content}]}</c> (the shape of LangGraph's <c>MessagesAnnotation</c>) and whose
/// <c>messages-tuple</c> stream gives the tokens; an <c>updates</c> event's <c>__interrupt__</c> is a question to the user,
/// answered by a turn of <see cref="RunInputResponseContent"/>s, sent as <c>Command(resume={interrupt id: answer})</c>.
/// The mapping follows the LangGraph SDKs' stream parts.
/// </summary>
internal sealed class LangGraphAgentConnector(ILangGraphRunsClient client, string assistantId, Uri? endpoint, LangGraphAgentOptions? options)
    : RunAgentConnector
{
    // Tokens, node updates (tool steps, interrupts), and what the graph writes itself (kept as raw updates).
    private static readonly IReadOnlyList<StreamMode> Modes = [StreamMode.MessagesTuple, StreamMode.Updates, StreamMode.Custom];

    private readonly string _messagesKey = options?.MessagesKey ?? LangGraphAgentOptions.DefaultMessagesKey;
    private readonly Func<IReadOnlyList<ChatMessage>, JsonNode>? _createInput = options?.CreateInput;

    public override string ProviderName => LangGraphRunsClient.SourceName;

    public override Uri? Endpoint => endpoint;

    public override string AgentId => assistantId;

    public override async Task<string?> CreateThreadAsync(CancellationToken cancellationToken)
        => (await client.CreateThreadAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).ThreadId.ToString();

    public override void ValidateTurn(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Read(messages);

    public override IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var thread = Thread(threadId);
        var background = options?.AllowBackgroundResponses == true;
        var request = Request(messages, background);
        return MapAsync(client.StreamThreadRunAsync(thread, request, cancellationToken), thread, runId: null, background, cancellationToken);
    }

    /// <summary>A background run, created with a resumable stream so its events can be read from the first one later.</summary>
    public override async Task<RunContinuationToken> StartTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var thread = Thread(threadId);
        var run = await client.CreateThreadRunAsync(thread, Request(messages, background: true) with { OnDisconnect = null }, cancellationToken)
            .ConfigureAwait(false);
        return new RunContinuationToken(ProviderName, thread.ToString(), run.RunId.ToString());
    }

    public override async Task<bool> IsTurnDoneAsync(RunContinuationToken token, CancellationToken cancellationToken)
    {
        var (thread, run) = Ids(token);
        var status = (await client.GetThreadRunAsync(thread, run, cancellationToken).ConfigureAwait(false)).Status;
        return status != ThreadRunStatus.Pending && status != ThreadRunStatus.Running;
    }

    /// <summary>
    /// Joins the run's stream after the token's event (<c>Last-Event-ID</c>; <c>-1</c> replays a resumable run's stream from
    /// its first event), asking for the turn's stream modes again: servers that read them per stream (the Python server)
    /// would otherwise send <c>values</c> only, and the resumed turn would lose its tokens.
    /// </summary>
    public override IAsyncEnumerable<ChatResponseUpdate> ResumeTurnAsync(RunContinuationToken token, CancellationToken cancellationToken)
    {
        var (thread, run) = Ids(token);
        return MapAsync(
            client.JoinThreadRunStreamAsync(thread, run, token.LastEventId ?? "-1", Modes, cancellationToken: cancellationToken), thread, token.RunId, background: true, cancellationToken);
    }

    public override Task CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken)
    {
        var (thread, run) = Ids(new RunContinuationToken(ProviderName, threadId, runId));
        return client.CancelThreadRunAsync(thread, run, cancellationToken: cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType.IsInstanceOfType(client) ? client : null;

    /// <summary>
    /// The run a turn starts: its messages as the graph's input, <c>{"messages": [{"role", "content"}]}</c> (text only), or
    /// its answers to the agent's questions as <c>Command(resume={interrupt id: answer})</c>. A turn is one or the other.
    /// </summary>
    private ThreadRunRequest Request(IReadOnlyList<ChatMessage> messages, bool background = false)
    {
        var (answers, input) = Read(messages);

        // A background run outlives the caller's connection and keeps its events for a resume.
        var request = new ThreadRunRequest
        {
            AssistantId = assistantId,
            StreamMode = Modes,
            StreamResumable = background ? true : null,
            OnDisconnect = background ? RunOnDisconnect.Continue : (RunOnDisconnect?)null,
        };
        return answers.Count > 0
            ? request with { Command = new RunCommand { Resume = answers } }
            : request with { Input = _createInput?.Invoke(messages) ?? new JsonObject { [_messagesKey] = input } };
    }

    /// <summary>A turn's answers by interrupt id, or its text messages as <c>{role, content}</c>; what cannot be sent is refused.</summary>
    private static (JsonObject Answers, JsonArray Input) Read(IReadOnlyList<ChatMessage> messages)
    {
        var answers = new JsonObject();
        var input = new JsonArray();
        foreach (var message in messages)
        {
            var text = false;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case RunInputResponseContent answer:
                        answers[answer.RequestId] = answer.Value?.DeepClone();
                        break;
                    case TextContent:
                        text = true;
                        break;
                    default:
                        throw new NotSupportedException(content is InputResponseContent
                            ? "Answer the agent's question with RunInputRequestContent.CreateResponse(value): a bare InputResponseContent carries no answer."
                            : $"A LangGraph turn takes text messages; a {content.GetType().Name} cannot be sent as a message's content.");
                }
            }

            if (text)
            {
                input.Add((JsonNode)new JsonObject { ["role"] = message.Role.Value, ["content"] = message.Text });
            }
        }

        if (answers.Count > 0 && input.Count > 0)
        {
            throw new NotSupportedException(
                "A turn that answers the agent's questions resumes the run where it asked; send new messages in the turn after it.");
        }

        return (answers, input);
    }

    private static Guid Thread(string? threadId)
        => Guid.TryParse(threadId, out var thread) && thread != Guid.Empty
            ? thread
            : throw new ArgumentException($"'{threadId}' is not a LangGraph thread id (a GUID).", nameof(threadId));

    private static (Guid Thread, Guid Run) Ids(RunContinuationToken token)
        => (Thread(token.ThreadId), Guid.TryParse(token.RunId, out var run) && run != Guid.Empty
            ? run
            : throw new ArgumentException($"'{token.RunId}' is not a LangGraph run id (a GUID).", nameof(token)));

    /// <summary>
    /// The run's events as updates; with <paramref name="background"/>, each carries the token after its event (the events
    /// it maps to nothing are passed over by the next token, and re-reading them on a resume yields nothing twice).
    /// </summary>
    private async IAsyncEnumerable<ChatResponseUpdate> MapAsync(
        IAsyncEnumerable<ThreadRunEvent> events, Guid threadId, string? runId, bool background, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var asked = false;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var (name, ns) = Split(e.Event);
            ChatResponseUpdate? update = null;
            if (name == ThreadRunEventType.Metadata.Value)
            {
                runId = String(e.Data, "run_id") ?? runId;
            }
            else if (name == ThreadRunEventType.Messages.Value)
            {
                update = MessageChunk(e, runId);
            }
            else if (name == ThreadRunEventType.Updates.Value)
            {
                update = Interrupts(e, ns, runId);
                asked |= update is not null;
                update ??= ToolSteps(e, runId);
            }
            else if (name == ThreadRunEventType.Custom.Value)
            {
                // No content of its own: the graph's custom event, reachable as the update's raw representation.
                update = new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = runId, RawRepresentation = e };
            }

            if (update is not null)
            {
                if (background && runId is not null && e.Id is not null)
                {
                    update.ContinuationToken = new RunContinuationToken(ProviderName, threadId.ToString(), runId, e.Id);
                }

                yield return update;
            }
        }

        // A run that asks the user has not finished: no finish reason then.
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = runId, FinishReason = asked ? null : ChatFinishReason.Stop };
    }

    /// <summary>
    /// An <c>updates</c> event's <c>__interrupt__</c>: <c>[{"id", "value"}]</c>, one question per pending <c>interrupt()</c>.
    /// </summary>
    private static ChatResponseUpdate? Interrupts(ThreadRunEvent e, IReadOnlyList<string> ns, string? runId)
    {
        if (e.Data.ValueKind != JsonValueKind.Object || !e.Data.TryGetProperty("__interrupt__", out var interrupts)
            || interrupts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var contents = new List<AIContent>();
        foreach (var interrupt in interrupts.EnumerateArray())
        {
            if (interrupt.ValueKind == JsonValueKind.Object && String(interrupt, "id") is { Length: > 0 } id)
            {
                var value = interrupt.TryGetProperty("value", out var v) ? v.Clone() : default;
                contents.Add(new RunInputRequestContent(id, value, ns) { RawRepresentation = interrupt });
            }
        }

        return contents.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = runId, RawRepresentation = e };
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
                    if (Block(block) is { } part)
                    {
                        contents.Add(part);
                    }
                }
            }
        }

        // Reasoning some OpenAI-compatible models return beside the content (DeepSeek's reasoning_content).
        if (chunk.TryGetProperty("additional_kwargs", out var extra) && String(extra, "reasoning_content") is { Length: > 0 } reasoning)
        {
            contents.Add(new TextReasoningContent(reasoning) { RawRepresentation = extra });
        }

        if (chunk.TryGetProperty("usage_metadata", out var usage) && Usage(usage) is { } details)
        {
            contents.Add(new UsageContent(details) { RawRepresentation = usage });
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
            AuthorName = String(metadata, "langgraph_node"),
            RawRepresentation = e,
        };
    }

    /// <summary>
    /// A content block of a message chunk: <c>text</c>, and reasoning as LangChain's providers write it (<c>thinking</c>
    /// blocks of Anthropic models, <c>reasoning</c> blocks of LangChain's standard content); other blocks are not text.
    /// </summary>
    private static AIContent? Block(JsonElement block)
        => String(block, "type") switch
        {
            "text" when String(block, "text") is { Length: > 0 } text => new TextContent(text) { RawRepresentation = block },
            "thinking" when String(block, "thinking") is { Length: > 0 } thinking => new TextReasoningContent(thinking) { RawRepresentation = block },
            "reasoning" when (String(block, "reasoning") ?? String(block, "text")) is { Length: > 0 } reasoning
                => new TextReasoningContent(reasoning) { RawRepresentation = block },
            _ => null,
        };

    /// <summary>A chunk's <c>usage_metadata</c>: <c>input_tokens</c>, <c>output_tokens</c>, <c>total_tokens</c>.</summary>
    private static UsageDetails? Usage(JsonElement usage)
    {
        long? Count(string name) => usage.ValueKind == JsonValueKind.Object && usage.TryGetProperty(name, out var n) && n.TryGetInt64(out var v) ? v : null;
        var details = new UsageDetails { InputTokenCount = Count("input_tokens"), OutputTokenCount = Count("output_tokens"), TotalTokenCount = Count("total_tokens") };
        return details.InputTokenCount is null && details.OutputTokenCount is null && details.TotalTokenCount is null ? null : details;
    }

    /// <summary>
    /// The tool steps of a node's update, <c>{node: {"messages": [...]}}</c>: an AI message's complete <c>tool_calls</c>
    /// (<c>{id, name, args}</c>) as <see cref="FunctionCallContent"/>, a tool message as <see cref="FunctionResultContent"/>.
    /// Both are information about what the agent did on the server (<see cref="FunctionCallContent.InformationalOnly"/>):
    /// nothing for the caller to invoke. Read from updates, where a call is whole, not from the token stream, where its
    /// arguments arrive in pieces.
    /// </summary>
    private static ChatResponseUpdate? ToolSteps(ThreadRunEvent e, string? runId)
    {
        if (e.Data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var contents = new List<AIContent>();
        foreach (var node in e.Data.EnumerateObject())
        {
            if (node.Value.ValueKind != JsonValueKind.Object || !node.Value.TryGetProperty("messages", out var messages))
            {
                continue;
            }

            foreach (var message in messages.ValueKind == JsonValueKind.Array ? messages.EnumerateArray() : Enumerable.Repeat(messages, 1))
            {
                switch (String(message, "type"))
                {
                    case "ai" or "AIMessageChunk" when message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array:
                        foreach (var call in calls.EnumerateArray())
                        {
                            if (String(call, "id") is { } callId && String(call, "name") is { } toolName)
                            {
                                contents.Add(new FunctionCallContent(callId, toolName, Arguments(call)) { InformationalOnly = true, RawRepresentation = call });
                            }
                        }

                        break;
                    case "tool" when String(message, "tool_call_id") is { } resultOf:
                        var result = message.TryGetProperty("content", out var output) ? output.Clone() : default;
                        contents.Add(new FunctionResultContent(resultOf, result.ValueKind == JsonValueKind.String ? result.GetString() : result)
                        {
                            RawRepresentation = message,
                        });
                        break;
                }
            }
        }

        return contents.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = runId, RawRepresentation = e };
    }

    /// <summary>A tool call's <c>args</c> object as the arguments dictionary (values as JSON elements).</summary>
    private static Dictionary<string, object?>? Arguments(JsonElement call)
    {
        if (!call.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var arg in args.EnumerateObject())
        {
            arguments[arg.Name] = arg.Value.Clone();
        }

        return arguments;
    }

    /// <summary>An event's name and its subgraph namespace: <c>updates|child:1|grandchild:2</c> is <c>updates</c> in <c>[child:1, grandchild:2]</c>.</summary>
    private static (string Name, IReadOnlyList<string> Namespace) Split(ThreadRunEventType name)
    {
        // Most events are the root graph's: no namespace, and nothing to allocate for one token.
        var value = name.Value ?? string.Empty;
        if (!value.Contains('|', StringComparison.Ordinal))
        {
            return (value, []);
        }

        var parts = value.Split('|');
        return (parts[0], parts[1..]);
    }

    private static string? String(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WxO.Client.Models;
using WxO.Client.Primitives;

namespace WxO.Client.Agents;

/// <summary>
/// An Orchestrate agent as the agents layer drives it. A conversation is a thread, which the server creates with the first
/// run (no thread is made ahead); a turn is a run whose message is the turn's text; its stream maps onto updates:
/// <list type="bullet">
/// <item><c>message.delta</c>: <c>data.delta.content</c>, content items <c>{"response_type": "text", "text"}</c> (the item
/// shape of IBM's thread messages, <c>tests/specs</c> and IBM's ADK) or a string, as <see cref="TextContent"/>;</item>
/// <item><c>message.created</c>: <c>data.message.content</c> (where IBM's ADK reads a run's answer), as text only when no
/// delta of it was streamed;</item>
/// <item><c>run.step.thinking</c> and <c>run.step.intermediate</c>: <c>data.message.text</c> or its content items (IBM's ADK
/// reads intermediate messages there), as <see cref="TextReasoningContent"/>;</item>
/// <item><c>run.step.delta</c>: <c>data.delta.step_details</c>, the shape of IBM's <c>step_history</c>: <c>tool_calls</c>
/// (<c>{id, name, args}</c>) as informational <see cref="FunctionCallContent"/>, <c>tool_response</c>
/// (<c>tool_call_id, content</c>) as <see cref="FunctionResultContent"/>;</item>
/// <item><c>message.interrupt</c>: a question, <see cref="RunInputRequestContent"/> (answered by a new run on the thread);</item>
/// <item><c>error</c>: <see cref="ErrorContent"/>; <c>run.failed</c> ends the stream with <see cref="RunFailedException"/>.</item>
/// </list>
/// The run and thread ids come from any event's <c>data.run_id</c> / <c>data.thread_id</c>.
/// </summary>
internal sealed class WxOAgentConnector(IWxORunsClient client, string agentId, Uri? endpoint) : RunAgentConnector
{
    /// <summary>
    /// How a resume waits for a run that has not stopped (Orchestrate has no stream to join): the core's wait, polling
    /// every 1–3 s and for as long as the caller lets it (the caller's token ends it).
    /// </summary>
    private static readonly RunPollingOptions ResumeWait = new() { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), Timeout = null };

    public override string ProviderName => WxORunsClient.SourceName;

    public override Uri? Endpoint => endpoint;

    public override string AgentId => agentId;

    /// <summary>None: Orchestrate creates the thread with the first run and names it in the run's events.</summary>
    public override Task<string?> CreateThreadAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public override void ValidateTurn(IReadOnlyList<ChatMessage> messages, ChatOptions? options) => Request(threadId: null, messages);

    public override IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        => MapAsync(client.StreamRunAsync(Request(threadId, messages), cancellationToken), new Ids(threadId, null), after: null,
            background: options?.AllowBackgroundResponses == true, cancellationToken);

    public override async Task<RunContinuationToken> StartTurnAsync(
        string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var ids = await client.CreateRunAsync(Request(threadId, messages), cancellationToken).ConfigureAwait(false);
        var thread = ids.ThreadId is { Length: > 0 } named ? named : threadId
            ?? (await client.GetRunAsync(ids.RunId, cancellationToken).ConfigureAwait(false)).ThreadId
            ?? throw new RunApiException($"Orchestrate started run '{ids.RunId}' without naming its thread.");
        return new RunContinuationToken(ProviderName, thread, ids.RunId);
    }

    public override async Task<bool> IsTurnDoneAsync(RunContinuationToken token, CancellationToken cancellationToken)
        => Stopped((await client.GetRunAsync(token.RunId, cancellationToken).ConfigureAwait(false)).Status?.Value);

    /// <summary>
    /// Orchestrate has no stream to join: the run is waited for until it stops, then its events after the token's are mapped
    /// (<c>GET …/runs/{id}/events</c>); a run whose events carry no answer text gives its thread's last answer instead.
    /// </summary>
    public override IAsyncEnumerable<ChatResponseUpdate> ResumeTurnAsync(RunContinuationToken token, CancellationToken cancellationToken)
        => ResumeCoreAsync(token, cancellationToken);

    public override Task CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken)
        => client.CancelRunAsync(runId, cancellationToken);

    public override object? GetService(Type serviceType, object? serviceKey = null)
        => serviceKey is null && serviceType.IsInstanceOfType(client) ? client : null;

    private static bool Stopped(string? status)
        => WxORunStates.From(status) is not (RunState.Pending or RunState.Running or RunState.Waiting or RunState.Unknown);

    private async IAsyncEnumerable<ChatResponseUpdate> ResumeCoreAsync(RunContinuationToken token, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Stops at the run's end or where it waits for the user (requires_input), as IsTurnDoneAsync does.
        await client.WaitForCompletionAsync(new RunReference(token.RunId, token.ThreadId), ResumeWait, cancellationToken).ConfigureAwait(false);

        var events = await client.GetRunEventsAsync(token.RunId, cancellationToken).ConfigureAwait(false);
        if (token.LastEventId is { } after && !events.Any(e => e.Id == after))
        {
            // Resuming after an event the run's record does not hold would repeat or skip events: say so instead.
            throw new RunApiException(
                $"Run '{token.RunId}' has no event '{after}' to continue after: its events cannot be resumed exactly once. Read them with GetRunEventsAsync.");
        }

        var ids = new Ids(token.ThreadId, token.RunId);
        var text = false;
        await foreach (var update in MapAsync(Listed(events), ids, token.LastEventId, background: true, cancellationToken).ConfigureAwait(false))
        {
            text |= update.Contents.Any(c => c is TextContent);
            if (update.FinishReason is not null && !text && token.LastEventId is null && await AnswerAsync(token, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                yield return answer;
            }

            yield return update;
        }
    }

    /// <summary>The thread's last answer (what IBM's ADK shows of a run that did not stream), if it has one.</summary>
    private async Task<ChatResponseUpdate?> AnswerAsync(RunContinuationToken token, CancellationToken cancellationToken)
    {
        var messages = await client.GetThreadMessagesAsync(token.ThreadId, cancellationToken).ConfigureAwait(false);
        var answer = messages.Count > 0 ? messages[^1] : null;
        return answer is { Role: "assistant", Text: { Length: > 0 } text }
            ? new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(text) { RawRepresentation = answer }])
            {
                ResponseId = token.RunId, MessageId = answer.Id, RawRepresentation = answer,
            }
            : null;
    }

    /// <summary>The events the run's record holds, as the stream the mapper reads (net8.0 has no ToAsyncEnumerable).</summary>
    private static async IAsyncEnumerable<AssistantRunEvent> Listed(IReadOnlyList<AssistantRunEvent> events)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var e in events)
        {
            yield return e;
        }
    }

    /// <summary>The run a turn starts: its text as the message, on the conversation's thread (a new one when null).</summary>
    private CreateRunRequest Request(string? threadId, IReadOnlyList<ChatMessage> messages)
    {
        var texts = new List<string>();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.User)
            {
                throw new NotSupportedException(
                    $"An Orchestrate run takes the user's message; a {message.Role} message cannot be sent (the agent's instructions live on the server).");
            }

            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text: var text }:
                        texts.Add(text);
                        break;
                    case RunInputResponseContent answer:
                        texts.Add(answer.Value is JsonValue value && value.TryGetValue<string>(out var said) ? said : answer.Value?.ToJsonString() ?? string.Empty);
                        break;
                    default:
                        throw new NotSupportedException(content is InputResponseContent
                            ? "Answer the agent's question with RunInputRequestContent.CreateResponse(value): a bare InputResponseContent carries no answer."
                            : $"An Orchestrate run takes text; a {content.GetType().Name} cannot be sent as a message's content.");
                }
            }
        }

        // Orchestrate takes one message per run: several texts of one turn are sent as one, a blank line apart.
        var joined = string.Join("\n\n", texts.Where(t => t.Length > 0));
        if (joined.Length == 0)
        {
            throw new ArgumentException("An Orchestrate turn needs some text to send.", nameof(messages));
        }

        return new CreateRunRequest { Message = RunMessage.FromUser(joined), AgentId = agentId, ThreadId = threadId };
    }

    /// <summary>The run's events as updates; each names the thread once it is known, and (background) the token after it.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> MapAsync(
        IAsyncEnumerable<AssistantRunEvent> events, Ids ids, string? after, bool background, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var skipping = after is not null;
        var asked = false;
        var streamed = false;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ids = ids.From(e.Data);
            if (skipping)
            {
                // A resume yields the events after the one the token names, never one already yielded.
                skipping = e.Id != after;
                continue;
            }

            var update = Map(e, ref streamed);
            if (update is null)
            {
                continue;
            }

            asked |= update.Contents.Any(c => c is RunInputRequestContent);
            update.ResponseId = ids.Run;
            update.ConversationId = ids.Thread;
            update.RawRepresentation = e;
            if (background && ids.Thread is not null && ids.Run is not null && e.Id is not null)
            {
                update.ContinuationToken = new RunContinuationToken(ProviderName, ids.Thread, ids.Run, e.Id);
            }

            yield return update;
        }

        // A run that asks the user has not finished: no finish reason then.
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant, ResponseId = ids.Run, ConversationId = ids.Thread, FinishReason = asked ? null : ChatFinishReason.Stop,
        };
    }

    private static ChatResponseUpdate? Map(AssistantRunEvent e, ref bool streamed)
    {
        var data = e.Data;
        var name = e.Event.Value?.ToLowerInvariant();
        List<AIContent> contents = [];
        switch (name)
        {
            case "message.delta":
                foreach (var text in Texts(Property(Property(data, "delta"), "content")))
                {
                    contents.Add(new TextContent(text));
                }

                streamed |= contents.Count > 0;
                break;
            case "message.created":
                if (!streamed)
                {
                    contents.AddRange(Texts(Property(Property(data, "message"), "content")).Select(t => new TextContent(t)));
                }

                streamed = false;
                break;
            case "run.step.thinking" or "run.step.intermediate":
                var message = Property(data, "message");
                var thought = String(message, "text") is { Length: > 0 } said ? [said] : Texts(Property(message, "content"));
                contents.AddRange(thought.Select(t => new TextReasoningContent(t)));
                break;
            case "run.step.delta":
                Steps(Property(Property(data, "delta"), "step_details"), contents);
                break;
            case "message.interrupt":
                var asking = Property(data, "message");
                var question = String(asking, "text") ?? Texts(Property(asking, "content")).FirstOrDefault();
                var value = question is null ? data.Clone() : JsonSerializer.SerializeToElement(question, Serialization.WxOJsonContext.Default.String);
                contents.Add(new RunInputRequestContent(e.Id ?? String(asking, "id") ?? "interrupt", value));
                break;
            case "error":
                var error = Property(data, "error");
                var reported = String(data, "message") ?? String(error, "message") ?? (error.ValueKind == JsonValueKind.String ? error.GetString() : null);
                contents.Add(new ErrorContent(reported ?? "The agent reported an error.") { Details = data.ValueKind == JsonValueKind.Undefined ? null : data.GetRawText() });
                break;
        }

        return contents.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, contents) { MessageId = String(data, "message_id") };
    }

    /// <summary><c>step_details</c> items: <c>tool_calls</c> (<c>{id, name, args}</c> each) and <c>tool_response</c>.</summary>
    private static void Steps(JsonElement details, List<AIContent> contents)
    {
        if (details.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var step in details.EnumerateArray())
        {
            switch (String(step, "type"))
            {
                case "tool_calls" when Property(step, "tool_calls") is { ValueKind: JsonValueKind.Array } calls:
                    foreach (var call in calls.EnumerateArray())
                    {
                        if (String(call, "id") is { } id && String(call, "name") is { } tool)
                        {
                            contents.Add(new FunctionCallContent(id, tool, Arguments(call)) { InformationalOnly = true, RawRepresentation = call });
                        }
                    }

                    break;
                case "tool_response" when String(step, "tool_call_id") is { } of:
                    var output = Property(step, "content");
                    contents.Add(new FunctionResultContent(of, output.ValueKind == JsonValueKind.String ? output.GetString() : output.Clone()) { RawRepresentation = step });
                    break;
            }
        }
    }

    private static Dictionary<string, object?>? Arguments(JsonElement call)
    {
        if (Property(call, "args") is not { ValueKind: JsonValueKind.Object } args)
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

    /// <summary>The text of a content: a string, or its text items.</summary>
    private static IEnumerable<string> Texts(JsonElement content)
        => content.ValueKind == JsonValueKind.String ? [content.GetString()!]
            : content.ValueKind == JsonValueKind.Array ? content.EnumerateArray().Select(ThreadMessage.ContentText).OfType<string>().Where(t => t.Length > 0)
            : [];

    private static JsonElement Property(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : default;

    private static string? String(JsonElement obj, string name)
        => Property(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The thread and run as the events name them (the first names win).</summary>
    private readonly record struct Ids(string? Thread, string? Run)
    {
        public Ids From(JsonElement data)
            => new(Thread ?? (String(data, "thread_id") is { Length: > 0 } t ? t : null), Run ?? (String(data, "run_id") is { Length: > 0 } r ? r : null));
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>
/// What the chat client and the agent share: a turn's checks, the thread it runs on, background starts and resumes, and
/// the stamping of the thread id on every update. One place for both.
/// </summary>
internal static class Turn
{
    /// <summary>The thread a turn runs on and what to do once the server names it (the agent's session adopts it).</summary>
    public sealed record Thread(Func<CancellationToken, Task<string?>> GetAsync, Action<string, string?>? Seen);

    public static IReadOnlyList<ChatMessage> Of(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (list.Count == 0)
        {
            throw new ArgumentException("A turn needs at least one message.", nameof(messages));
        }

        if (list.Any(m => m is null))
        {
            throw new ArgumentException("A turn's messages must not be null.", nameof(messages));
        }

        return list;
    }

    /// <summary>
    /// The token a call continues, checked at the call: one of this connector's, with no new messages beside it (a
    /// continued response resumes a run; new messages are a new turn). Null when the call starts a turn.
    /// </summary>
    public static RunContinuationToken? Continuing(RunAgentConnector connector, IEnumerable<ChatMessage> messages, ResponseContinuationToken? token)
    {
        if (token is null)
        {
            return null;
        }

        ArgumentNullException.ThrowIfNull(messages);
        var ours = RunContinuationToken.From(token);
        if (!string.Equals(ours.Provider, connector.ProviderName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The continuation token is for a {ours.Provider} run, not {connector.ProviderName}.", nameof(token));
        }

        if (messages.Any())
        {
            throw new ArgumentException("A continued response takes no new messages: send them in a new turn once it has finished.", nameof(messages));
        }

        return ours;
    }

    /// <summary>A turn's updates as they arrive, each with the thread id.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        RunAgentConnector connector, Thread thread, IReadOnlyList<ChatMessage> messages, ChatOptions? options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var threadId = await thread.GetAsync(cancellationToken).ConfigureAwait(false);
        string? runId = null;
        await foreach (var update in connector.RunTurnAsync(threadId, messages, options, cancellationToken).ConfigureAwait(false))
        {
            update.ConversationId ??= threadId;
            // Tell the session what the server named, each time it names something new (a session ignores a null run).
            if (update.ConversationId is { } seen && (seen != threadId || update.ResponseId != runId))
            {
                (threadId, runId) = (seen, update.ResponseId);
                thread.Seen?.Invoke(seen, runId);
            }

            yield return update;
        }
    }

    /// <summary>A continued run's updates after the token's last event, each with the thread id.</summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> ResumeAsync(
        RunAgentConnector connector, RunContinuationToken token, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in connector.ResumeTurnAsync(token, cancellationToken).ConfigureAwait(false))
        {
            // A resume is the token's run on the token's thread, whatever the events repeat.
            update.ConversationId = token.ThreadId;
            update.ResponseId = token.RunId;
            yield return update;
        }
    }

    /// <summary>
    /// A whole response: the turn's output assembled; with <see cref="ChatOptions.AllowBackgroundResponses"/>, the run started
    /// and a token to poll with; with a token, the run's output once it has stopped, else the same token again.
    /// </summary>
    public static async Task<ChatResponse> GetAsync(
        RunAgentConnector connector, Thread thread, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (Continuing(connector, messages, options?.ContinuationToken) is { } token)
        {
            thread.Seen?.Invoke(token.ThreadId, token.RunId);
            if (!await connector.IsTurnDoneAsync(token, cancellationToken).ConfigureAwait(false))
            {
                return Pending(token);
            }

            // The whole output, from the run's first event: what a poll returns is the response, not what is left of it.
            var response = await ResumeAsync(connector, new RunContinuationToken(token.Provider, token.ThreadId, token.RunId), cancellationToken)
                .ToChatResponseAsync(cancellationToken).ConfigureAwait(false);
            response.ContinuationToken = null;
            return response;
        }

        var turn = Of(messages);
        connector.ValidateTurn(turn, options);
        if (options?.AllowBackgroundResponses == true)
        {
            var threadId = await thread.GetAsync(cancellationToken).ConfigureAwait(false);
            var started = await connector.StartTurnAsync(threadId, turn, options, cancellationToken).ConfigureAwait(false);
            thread.Seen?.Invoke(started.ThreadId, started.RunId);
            return Pending(started);
        }

        var whole = await StreamAsync(connector, thread, turn, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);
        whole.ContinuationToken = null;
        return whole;
    }

    private static ChatResponse Pending(RunContinuationToken token)
        => new() { ResponseId = token.RunId, ConversationId = token.ThreadId, ContinuationToken = token };
}

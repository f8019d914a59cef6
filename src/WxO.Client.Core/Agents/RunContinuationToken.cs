using System.Text.Json;
using Microsoft.Extensions.AI;

namespace WxO.Client;

/// <summary>
/// Where a background response stands: the run (and its thread) and the last event the caller has seen. Pass it back as
/// <see cref="ChatOptions.ContinuationToken"/> (or <c>AgentRunOptions.ContinuationToken</c>) to resume a stream after the
/// last event seen, or to ask whether a non-streamed run has finished. Its bytes (<see cref="ToBytes"/>, or JSON through
/// <see cref="ResponseContinuationToken"/>'s converter) are <c>{"provider", "threadId", "runId", "lastEventId"}</c>, so a
/// token saved by one process resumes the run in another. It holds no secret.
/// </summary>
public sealed class RunContinuationToken : ResponseContinuationToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="provider">The server's kind, as the connector names it.</param>
    /// <param name="threadId">The thread (conversation) of the run.</param>
    /// <param name="runId">The run.</param>
    /// <param name="lastEventId">The id of the last event the caller has seen; null when none has been seen.</param>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    public RunContinuationToken(string provider, string threadId, string runId, string? lastEventId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(threadId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        Provider = provider;
        ThreadId = threadId;
        RunId = runId;
        LastEventId = string.IsNullOrEmpty(lastEventId) ? null : lastEventId;
    }

    /// <summary>The server's kind, as the connector names it.</summary>
    public string Provider { get; }

    /// <summary>The thread (conversation) of the run.</summary>
    public string ThreadId { get; }

    /// <summary>The run.</summary>
    public string RunId { get; }

    /// <summary>The id of the last event the caller has seen; null when none (resume from the run's first event).</summary>
    public string? LastEventId { get; }

    /// <summary>The same run, after another event.</summary>
    /// <param name="lastEventId">The id of the event just seen.</param>
    public RunContinuationToken After(string? lastEventId) => lastEventId is null ? this : new(Provider, ThreadId, RunId, lastEventId);

    /// <inheritdoc />
    public override ReadOnlyMemory<byte> ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("provider", Provider);
            writer.WriteString("threadId", ThreadId);
            writer.WriteString("runId", RunId);
            if (LastEventId is not null)
            {
                writer.WriteString("lastEventId", LastEventId);
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Reads a token: this type as it is, or any <see cref="ResponseContinuationToken"/> whose bytes one of these wrote
    /// (a token that went through JSON comes back as the base type).
    /// </summary>
    /// <param name="token">The token.</param>
    /// <exception cref="ArgumentException">The token is not one of a run server's.</exception>
    public static RunContinuationToken From(ResponseContinuationToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token is RunContinuationToken ours)
        {
            return ours;
        }

        try
        {
            using var document = JsonDocument.Parse(token.ToBytes());
            var root = document.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (root.ValueKind == JsonValueKind.Object && Text("provider") is { Length: > 0 } provider
                && Text("threadId") is { Length: > 0 } threadId && Text("runId") is { Length: > 0 } runId)
            {
                return new RunContinuationToken(provider, threadId, runId, Text("lastEventId"));
            }
        }
        catch (JsonException)
        {
        }

        throw new ArgumentException("The continuation token is not one a run server's chat client or agent gave.", nameof(token));
    }

    /// <summary>The run and where the caller stands in it (no secret).</summary>
    public override string ToString() => $"RunContinuationToken({Provider}, thread {ThreadId}, run {RunId}, after event {LastEventId ?? "none"})";
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>
/// An agent of a run server as a Microsoft Agent Framework <see cref="AIAgent"/>. Its session is a thread on the server,
/// created on the session's first run; <c>SerializeSessionAsync</c> / <c>DeserializeSessionAsync</c> carry its id, so a
/// conversation continues in another process. Each response's <c>ResponseId</c> is the run id. Get one from the vendor
/// client (e.g. <c>AsAIAgent(agentId)</c>); thread-safe, and any number of sessions may run at once.
/// </summary>
public sealed class RunAgent : AIAgent
{
    private readonly RunAgentConnector _connector;
    private readonly AIAgentMetadata _metadata;

    /// <summary>Creates the agent over a vendor's connector.</summary>
    /// <param name="connector">The agent on the server.</param>
    /// <param name="name">A display name; the server's agent id when null.</param>
    /// <param name="description">What the agent does, for people and for other agents that call it.</param>
    public RunAgent(RunAgentConnector connector, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        _connector = connector;
        _metadata = new AIAgentMetadata(connector.ProviderName);
        Name = name ?? connector.AgentId;
        Description = description;
    }

    /// <summary>The agent on the server, with its provider: <c>langgraph:agent</c>.</summary>
    protected override string? IdCore => $"{_connector.ProviderName}:{_connector.AgentId}";

    /// <inheritdoc />
    public override string? Name { get; }

    /// <inheritdoc />
    public override string? Description { get; }

    /// <inheritdoc />
    protected override ValueTask<AgentSession> CreateSessionCoreAsync(CancellationToken cancellationToken = default)
        => new(new RunAgentSession(threadId: null));

    /// <summary>Writes the session as <c>{"threadId": "…"}</c> (the thread is created on the session's first run).</summary>
    protected override ValueTask<JsonElement> SerializeSessionCoreAsync(
        AgentSession session, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default)
    {
        var ours = Ours(session);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (ours.ThreadId is { } threadId)
            {
                writer.WriteString(RunAgentSession.ThreadIdProperty, threadId);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new(document.RootElement.Clone());
    }

    /// <summary>Reads a session written by <see cref="SerializeSessionCoreAsync"/>.</summary>
    /// <exception cref="ArgumentException">The JSON is not such a session.</exception>
    protected override ValueTask<AgentSession> DeserializeSessionCoreAsync(
        JsonElement serializedState, JsonSerializerOptions? jsonSerializerOptions = null, CancellationToken cancellationToken = default)
    {
        if (serializedState.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A serialized session is a JSON object, not {serializedState.ValueKind}.", nameof(serializedState));
        }

        string? threadId = null;
        if (serializedState.TryGetProperty(RunAgentSession.ThreadIdProperty, out var value))
        {
            threadId = value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new ArgumentException($"The session's \"{RunAgentSession.ThreadIdProperty}\" is not a thread id.", nameof(serializedState));
        }

        return new(new RunAgentSession(threadId));
    }

    /// <inheritdoc />
    protected override async Task<AgentResponse> RunCoreAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
        => await RunCoreStreamingAsync(messages, session, options, cancellationToken).ToAgentResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    protected override IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call.
        var turn = Turn.Of(messages);
        _connector.ValidateTurn(turn, options: null);
        var ours = session is null ? null : Ours(session);
        return StreamAsync(turn, ours, cancellationToken);
    }

    private async IAsyncEnumerable<AgentResponseUpdate> StreamAsync(
        IReadOnlyList<ChatMessage> messages, RunAgentSession? session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Without a session, the turn has a thread of its own; with one, the session's thread, created on its first run.
        var threadId = session is null
            ? await _connector.CreateThreadAsync(cancellationToken).ConfigureAwait(false)
            : await session.ThreadIdAsync(_connector, cancellationToken).ConfigureAwait(false);
        await foreach (var update in _connector.RunTurnAsync(threadId, messages, options: null, cancellationToken).ConfigureAwait(false))
        {
            update.ConversationId = threadId;
            yield return new AgentResponseUpdate(update) { AgentId = Id };
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? _connector.GetService(serviceType, serviceKey)
            : serviceType.IsInstanceOfType(_metadata) ? _metadata
            : serviceType.IsInstanceOfType(_connector) ? _connector
            : base.GetService(serviceType) ?? _connector.GetService(serviceType);
    }

    private static RunAgentSession Ours(AgentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session as RunAgentSession
            ?? throw new ArgumentException($"The session is a {session.GetType().Name}, not one this agent made (CreateSessionAsync).", nameof(session));
    }
}

/// <summary>
/// The session of a <see cref="RunAgent"/>: one thread on the server. The thread is created on the session's first run;
/// until then <see cref="ThreadId"/> is null.
/// </summary>
public sealed class RunAgentSession : AgentSession
{
    internal const string ThreadIdProperty = "threadId";

    private readonly object _gate = new();
    private string? _threadId;
    private Task<string>? _creating;

    internal RunAgentSession(string? threadId) => _threadId = threadId;

    /// <summary>The thread on the server; null until the session's first run.</summary>
    public string? ThreadId => Volatile.Read(ref _threadId);

    /// <summary>
    /// The thread, created once however many runs start at the same time. The creation is shared, so one caller giving up
    /// does not cancel it for the others; a failed creation is not remembered.
    /// </summary>
    internal Task<string> ThreadIdAsync(RunAgentConnector connector, CancellationToken cancellationToken)
    {
        if (ThreadId is { } existing)
        {
            return Task.FromResult(existing);
        }

        lock (_gate)
        {
            _creating ??= CreateAsync(connector);
        }

        return _creating.WaitAsync(cancellationToken);
    }

    private async Task<string> CreateAsync(RunAgentConnector connector)
    {
        // Yield first so the assignment to _creating happens before a failure can clear it.
        await Task.Yield();
        try
        {
            var threadId = await connector.CreateThreadAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _threadId, threadId);
            return threadId;
        }
        catch
        {
            lock (_gate)
            {
                _creating = null;
            }

            throw;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"RunAgentSession({ThreadId ?? "no thread yet"})";
}

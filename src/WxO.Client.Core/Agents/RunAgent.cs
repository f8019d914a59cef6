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

    /// <summary>The agent on the server, with its provider: <c>provider:agent</c>.</summary>
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
    /// <remarks>
    /// With <see cref="AgentRunOptions.AllowBackgroundResponses"/>, the run is started and the response returns at once with
    /// a <see cref="RunContinuationToken"/>; passing it back as <see cref="AgentRunOptions.ContinuationToken"/> (with no
    /// messages) returns the run's whole output once it has stopped, or the token again while it runs.
    /// </remarks>
    protected override async Task<AgentResponse> RunCoreAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await Turn.GetAsync(_connector, Thread(session), messages, Chat(options), cancellationToken).ConfigureAwait(false);
        return new AgentResponse(response) { AgentId = Id };
    }

    /// <inheritdoc />
    /// <remarks>
    /// With <see cref="AgentRunOptions.AllowBackgroundResponses"/>, the run outlives a disconnect and each update but the
    /// last carries a <see cref="RunContinuationToken"/>; passing the last one received back as
    /// <see cref="AgentRunOptions.ContinuationToken"/> (with no messages) resumes the stream after that update's event, in
    /// this process or another. An update has no conversation id of its own: the session (and the token) carry the thread.
    /// </remarks>
    protected override IAsyncEnumerable<AgentResponseUpdate> RunCoreStreamingAsync(
        IEnumerable<ChatMessage> messages, AgentSession? session = null, AgentRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call.
        var thread = Thread(session);
#pragma warning disable MEAI001 // See Chat(options).
        if (Turn.Continuing(_connector, messages, options?.ContinuationToken) is { } token)
#pragma warning restore MEAI001
        {
            // The session follows the run it continues (so CancelRunAsync(session) stops it, in a new process too).
            thread.Seen?.Invoke(token.ThreadId, token.RunId);
            return Updates(Turn.ResumeAsync(_connector, token, cancellationToken), cancellationToken);
        }

        var turn = Turn.Of(messages);
        var chat = Chat(options);
        _connector.ValidateTurn(turn, chat);
        return Updates(Turn.StreamAsync(_connector, thread, turn, chat, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Stops the session's latest run on the server (the one its last call started or continued). Cancelling a call's
    /// token only disconnects from its run.
    /// </summary>
    /// <param name="session">A session of this agent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether there was a run to stop (a session that has not run yet has none).</returns>
    public async Task<bool> CancelRunAsync(AgentSession session, CancellationToken cancellationToken = default)
    {
        var ours = Ours(session);
        if (ours.ThreadId is not { } threadId || ours.RunId is not { } runId)
        {
            return false;
        }

        await _connector.CancelRunAsync(threadId, runId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async IAsyncEnumerable<AgentResponseUpdate> Updates(
        IAsyncEnumerable<ChatResponseUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var update in updates.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new AgentResponseUpdate(update) { AgentId = Id };
        }
    }

    /// <summary>
    /// The session's thread (created on its first run, or named by the server on it), or a thread of the turn's own
    /// without a session; the session remembers the run each call starts.
    /// </summary>
    private Turn.Thread Thread(AgentSession? session)
    {
        if (session is null)
        {
            return new(_connector.CreateThreadAsync, null);
        }

        var ours = Ours(session);
        return new(ct => ours.ThreadIdAsync(_connector, ct), ours.Seen);
    }

    /// <summary>The agent options the connector reads, as chat options.</summary>
#pragma warning disable MEAI001 // AgentRunOptions.ContinuationToken is marked experimental; it is the standard's only way to resume a run.
    private static ChatOptions? Chat(AgentRunOptions? options)
        => options is null ? null : new ChatOptions { AllowBackgroundResponses = options.AllowBackgroundResponses, ContinuationToken = options.ContinuationToken };
#pragma warning restore MEAI001

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
    private string? _runId;
    private Task<string?>? _creating;

    internal RunAgentSession(string? threadId) => _threadId = threadId;

    /// <summary>The thread on the server; null until the session's first run.</summary>
    public string? ThreadId => Volatile.Read(ref _threadId);

    /// <summary>The run the session's latest call started (not serialized: a restored session has none until it runs).</summary>
    public string? RunId => Volatile.Read(ref _runId);

    /// <summary>What the server named: the thread (where the first run creates it) and the run a call started.</summary>
    internal void Seen(string threadId, string? runId)
    {
        Interlocked.CompareExchange(ref _threadId, threadId, null);
        if (runId is not null)
        {
            Volatile.Write(ref _runId, runId);
        }
    }

    /// <summary>
    /// The thread, created once however many runs start at the same time. The creation is shared, so one caller giving up
    /// does not cancel it for the others; a failed creation is not remembered. Null where the server creates the thread with
    /// the first run (<see cref="Seen"/> then records it).
    /// </summary>
    internal Task<string?> ThreadIdAsync(RunAgentConnector connector, CancellationToken cancellationToken)
    {
        if (ThreadId is { } existing)
        {
            return Task.FromResult<string?>(existing);
        }

        lock (_gate)
        {
            _creating ??= CreateAsync(connector).ObserveFailure();
        }

        return _creating.WaitAsync(cancellationToken);
    }

    private async Task<string?> CreateAsync(RunAgentConnector connector)
    {
        // Yield first so the assignment to _creating happens before a failure can clear it.
        await Task.Yield();
        try
        {
            // Null: the first run creates the thread, and Seen records it.
            if (await connector.CreateThreadAsync(CancellationToken.None).ConfigureAwait(false) is { } threadId)
            {
                Interlocked.CompareExchange(ref _threadId, threadId, null);
            }

            return ThreadId;
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

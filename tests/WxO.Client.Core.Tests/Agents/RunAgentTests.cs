using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Agents;

/// <summary>The vendor-neutral half of the agents layer, over a scripted connector.</summary>
public sealed class RunAgentTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>Answers "echo: {text} on {thread}" in two updates; counts threads created; can fail or wait on a gate.</summary>
    private sealed class EchoConnector : RunAgentConnector
    {
        private int _threads;

        public int ThreadsCreated => Volatile.Read(ref _threads);

        public Task? Gate { get; init; }

        public bool FailNextThread { get; set; }

        public override string ProviderName => "echo";

        public override Uri? Endpoint => new("http://echo.example");

        public override string AgentId => "echo-agent";

        public override void ValidateTurn(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
        {
            if (messages.Any(m => m.Text == "refuse"))
            {
                throw new NotSupportedException("refused");
            }
        }

        public override object? GetService(Type serviceType, object? serviceKey = null)
            => serviceType == typeof(string) ? (serviceKey is null ? "plain" : $"keyed {serviceKey}") : null;

        /// <summary>The server names the thread with the first run (as WxO does): no thread is created ahead.</summary>
        public bool ServerCreatesThreads { get; init; }

        /// <summary>How many polls of a background run find it still running.</summary>
        public int PollsUntilDone { get; set; }

        public List<(string Thread, string Run)> Cancelled { get; } = [];

        public List<RunContinuationToken> Resumed { get; } = [];

        public override async Task<string?> CreateThreadAsync(CancellationToken cancellationToken)
        {
            if (Gate is not null)
            {
                await Gate;
            }

            if (FailNextThread)
            {
                FailNextThread = false;
                throw new InvalidOperationException("no thread today");
            }

            return ServerCreatesThreads ? null : $"t{Interlocked.Increment(ref _threads)}";
        }

        public override IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
            string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        {
            _lastText = messages[^1].Text;
            var thread = threadId ?? $"s{Interlocked.Increment(ref _threads)}";
            var token = new RunContinuationToken(ProviderName, thread, "r1");
            return Script(token, messages[^1].Text, options?.AllowBackgroundResponses == true, stamp: threadId is null);
        }

        public override Task<RunContinuationToken> StartTurnAsync(
            string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
        {
            _lastText = messages[^1].Text;
            return Task.FromResult(new RunContinuationToken(ProviderName, threadId ?? "s-bg", "r1"));
        }

        public override Task<bool> IsTurnDoneAsync(RunContinuationToken token, CancellationToken cancellationToken)
            => Task.FromResult(PollsUntilDone-- <= 0);

        public override IAsyncEnumerable<ChatResponseUpdate> ResumeTurnAsync(RunContinuationToken token, CancellationToken cancellationToken)
        {
            Resumed.Add(token);
            return Script(token, _lastText, background: true, stamp: false);
        }

        public override Task CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken)
        {
            Cancelled.Add((threadId, runId));
            return Task.CompletedTask;
        }

        private string _lastText = "bg";

        /// <summary>Events 1 and 2 are text, then the end; a resume yields those after the token's event.</summary>
        private static async IAsyncEnumerable<ChatResponseUpdate> Script(RunContinuationToken token, string text, bool background, bool stamp)
        {
            await Task.Yield();
            string[] parts = ["echo: ", $"{text} on {token.ThreadId}"];
            var after = token.LastEventId is null ? 0 : int.Parse(token.LastEventId, System.Globalization.CultureInfo.InvariantCulture);
            for (var e = after + 1; e <= parts.Length; e++)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, parts[e - 1])
                {
                    ResponseId = "r1",
                    MessageId = "m1",
                    ConversationId = stamp ? token.ThreadId : null,
                    ContinuationToken = background ? token.After($"{e}") : null,
                };
            }

            yield return new ChatResponseUpdate { Role = ChatRole.Assistant, ResponseId = "r1", FinishReason = ChatFinishReason.Stop };
        }
    }

    [Fact]
    public async Task A_session_gets_its_thread_on_its_first_run_and_keeps_it()
    {
        var connector = new EchoConnector();
        var agent = new RunAgent(connector);
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        Assert.Null(session.ThreadId);
        var first = await agent.RunAsync("a", session, cancellationToken: Ct);
        var second = await agent.RunAsync("b", session, cancellationToken: Ct);
        var sessionless = await agent.RunAsync("c", cancellationToken: Ct);

        Assert.Equal(("echo: a on t1", "echo: b on t1", "echo: c on t2"), (first.Text, second.Text, sessionless.Text));
        Assert.Equal(("t1", 2), (session.ThreadId, connector.ThreadsCreated));
        Assert.Equal("r1", first.ResponseId);
        Assert.Equal("RunAgentSession(t1)", session.ToString());
    }

    [Fact]
    public async Task Runs_that_start_together_on_a_new_session_share_one_thread()
    {
        var gate = new TaskCompletionSource();
        var connector = new EchoConnector { Gate = gate.Task };
        var agent = new RunAgent(connector);
        var session = await agent.CreateSessionAsync(Ct);

        var runs = Enumerable.Range(0, 5).Select(i => agent.RunAsync($"{i}", session, cancellationToken: Ct)).ToList();
        gate.SetResult();
        var texts = (await Task.WhenAll(runs)).Select(r => r.Text);

        Assert.Equal(1, connector.ThreadsCreated);
        Assert.All(texts, t => Assert.EndsWith(" on t1", t));
    }

    [Fact]
    public async Task A_failed_thread_creation_is_not_remembered()
    {
        var connector = new EchoConnector { FailNextThread = true };
        var agent = new RunAgent(connector);
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync("a", session, cancellationToken: Ct));
        var retry = await agent.RunAsync("b", session, cancellationToken: Ct);

        Assert.Equal(("echo: b on t1", "t1"), (retry.Text, session.ThreadId));
    }

    [Fact]
    public async Task A_session_round_trips_through_JSON_with_and_without_its_thread()
    {
        var agent = new RunAgent(new EchoConnector());
        var session = await agent.CreateSessionAsync(Ct);

        var empty = await agent.SerializeSessionAsync(session, cancellationToken: Ct);
        await agent.RunAsync("a", session, cancellationToken: Ct);
        var used = await agent.SerializeSessionAsync(session, cancellationToken: Ct);
        var restored = (RunAgentSession)await agent.DeserializeSessionAsync(used, cancellationToken: Ct);
        var restoredEmpty = (RunAgentSession)await agent.DeserializeSessionAsync(empty, cancellationToken: Ct);

        Assert.Equal(("{}", """{"threadId":"t1"}"""), (empty.GetRawText(), used.GetRawText()));
        Assert.Equal(("t1", null), (restored.ThreadId, restoredEmpty.ThreadId));
        Assert.Equal("echo: again on t1", (await agent.RunAsync("again", restored, cancellationToken: Ct)).Text);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"threadId":""}""")]
    [InlineData("""{"threadId":7}""")]
    public async Task A_session_that_is_not_one_is_refused(string json)
    {
        var agent = new RunAgent(new EchoConnector());

        await Assert.ThrowsAsync<ArgumentException>(async () => await agent.DeserializeSessionAsync(JsonDocument.Parse(json).RootElement, cancellationToken: Ct));
    }

    [Fact]
    public async Task A_session_of_another_agent_type_is_refused()
    {
        var agent = new RunAgent(new EchoConnector());
        var foreign = new ForeignSession();

        await Assert.ThrowsAsync<ArgumentException>(async () => await agent.SerializeSessionAsync(foreign, cancellationToken: Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => agent.RunAsync("a", foreign, cancellationToken: Ct));
    }

    [Fact]
    public async Task The_chat_client_stamps_the_thread_and_starts_one_only_without_a_conversation_id()
    {
        var connector = new EchoConnector();
        using var chat = new RunChatClient(connector);

        var fresh = await chat.GetResponseAsync("a", cancellationToken: Ct);
        var continued = await chat.GetResponseAsync("b", new ChatOptions { ConversationId = fresh.ConversationId }, Ct);

        Assert.Equal(("echo: a on t1", "t1"), (fresh.Text, fresh.ConversationId));
        Assert.Equal(("echo: b on t1", "t1"), (continued.Text, continued.ConversationId));
        Assert.Equal(1, connector.ThreadsCreated);
        Assert.Equal(("echo", "echo-agent"), (chat.GetService<ChatClientMetadata>()!.ProviderName, chat.GetService<ChatClientMetadata>()!.DefaultModelId));
        Assert.Same(connector, chat.GetService<RunAgentConnector>());
        Assert.Null(chat.GetService<Uri>());
    }

    [Fact]
    public void Missing_arguments_are_named()
    {
        Assert.Equal("connector", Assert.Throws<ArgumentNullException>(() => new RunChatClient(null!)).ParamName);
        Assert.Equal("connector", Assert.Throws<ArgumentNullException>(() => new RunAgent(null!)).ParamName);
        Assert.Equal("serviceType", Assert.Throws<ArgumentNullException>(() => new RunChatClient(new EchoConnector()).GetService(null!)).ParamName);
        Assert.Equal("serviceType", Assert.Throws<ArgumentNullException>(() => new RunAgent(new EchoConnector()).GetService(null!)).ParamName);
    }

    private sealed class ForeignSession : AgentSession;

    [Fact]
    public async Task A_background_stream_carries_a_token_per_update_and_resumes_after_it_exactly_once()
    {
        var connector = new EchoConnector();
        var chat = new RunChatClient(connector);

        var first = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync("hi", new ChatOptions { AllowBackgroundResponses = true }, Ct))
        {
            first.Add(update);
            break;
        }

        var token = first[0].ContinuationToken!;
        var json = JsonSerializer.Serialize(token, AIJsonUtilities.DefaultOptions);
        var restored = JsonSerializer.Deserialize<ResponseContinuationToken>(json, AIJsonUtilities.DefaultOptions)!;
        var rest = await chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = restored }, Ct).ToListAsync(Ct);

        Assert.Equal("echo: hi on t1", first[0].Text + string.Concat(rest.Select(u => u.Text)));
        var resumed = Assert.Single(connector.Resumed);
        Assert.Equal(("echo", "t1", "r1", "1"), (resumed.Provider, resumed.ThreadId, resumed.RunId, resumed.LastEventId));
        Assert.All(rest, u => Assert.Equal(("t1", "r1"), (u.ConversationId, u.ResponseId)));
        Assert.Null(rest[^1].ContinuationToken);
    }

    [Fact]
    public async Task A_background_response_is_pending_until_the_run_stops_then_it_is_the_whole_answer()
    {
        var connector = new EchoConnector { PollsUntilDone = 1 };
        var agent = new RunAgent(connector);
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        var started = await agent.RunAsync("later", session, new AgentRunOptions { AllowBackgroundResponses = true }, Ct);
        Assert.Equal(("t1", "r1"), (session.ThreadId, session.RunId));   // named by the start, before any poll
        var stillRunning = await agent.RunAsync(session, new AgentRunOptions { ContinuationToken = started.ContinuationToken }, Ct);
        var done = await agent.RunAsync(session, new AgentRunOptions { ContinuationToken = stillRunning.ContinuationToken }, Ct);

        Assert.Empty(started.Messages);
        Assert.Equal(("r1", "t1", "r1"), (started.ResponseId, session.ThreadId, session.RunId));
        Assert.Empty(stillRunning.Messages);
        Assert.Equal(RunContinuationToken.From(started.ContinuationToken!).ToString(), RunContinuationToken.From(stillRunning.ContinuationToken!).ToString());
        Assert.Equal("echo: later on t1", done.Text);
        Assert.Null(done.ContinuationToken);
        Assert.Null(Assert.Single(connector.Resumed).LastEventId);
    }

    [Fact]
    public async Task The_agent_passes_background_on_to_its_updates()
    {
        var agent = new RunAgent(new EchoConnector());

        var updates = await agent.RunStreamingAsync("hi", options: new AgentRunOptions { AllowBackgroundResponses = true }, cancellationToken: Ct).ToListAsync(Ct);
        var plain = await agent.RunStreamingAsync("hi", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(["1", "2"], updates.Where(u => u.ContinuationToken is not null).Select(u => RunContinuationToken.From(u.ContinuationToken!).LastEventId));
        Assert.All(plain, u => Assert.Null(u.ContinuationToken));
    }

    [Fact]
    public async Task A_thread_the_server_names_on_the_first_run_is_the_session_s_and_the_conversation_s()
    {
        var connector = new EchoConnector { ServerCreatesThreads = true };
        var agent = new RunAgent(connector);
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        var first = await agent.RunAsync("a", session, cancellationToken: Ct);
        var second = await agent.RunAsync("b", session, cancellationToken: Ct);
        var chat = await new RunChatClient(connector).GetResponseAsync("c", cancellationToken: Ct);

        Assert.Equal(("echo: a on s1", "echo: b on s1"), (first.Text, second.Text));
        Assert.Equal(("s1", "r1"), (session.ThreadId, session.RunId));
        Assert.Equal(("echo: c on s2", "s2"), (chat.Text, chat.ConversationId));
    }

    [Fact]
    public async Task Stopping_a_run_is_an_explicit_call_by_session_or_by_ids()
    {
        var connector = new EchoConnector();
        var agent = new RunAgent(connector);
        var session = await agent.CreateSessionAsync(Ct);

        Assert.False(await agent.CancelRunAsync(session, Ct));
        await agent.RunAsync("a", session, cancellationToken: Ct);
        Assert.True(await agent.CancelRunAsync(session, Ct));
        await new RunChatClient(connector).CancelRunAsync("t9", "r9", Ct);

        Assert.Equal([("t1", "r1"), ("t9", "r9")], connector.Cancelled);
        await Assert.ThrowsAsync<ArgumentException>(() => new RunChatClient(connector).CancelRunAsync(" ", "r9", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => new RunChatClient(connector).CancelRunAsync("t9", "", Ct));
    }

    [Fact]
    public async Task A_session_continuing_a_run_follows_it_so_it_can_stop_it()
    {
        var connector = new EchoConnector();
        var agent = new RunAgent(connector);
        var streaming = (RunAgentSession)await agent.CreateSessionAsync(Ct);
        var polling = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        await agent.RunStreamingAsync(streaming, new AgentRunOptions { ContinuationToken = new RunContinuationToken("echo", "t7", "r7", "1") }).ToListAsync(Ct);
        await agent.RunAsync(polling, new AgentRunOptions { ContinuationToken = new RunContinuationToken("echo", "t8", "r8") }, Ct);

        Assert.Equal(("t7", "r7", "t8", "r8"), (streaming.ThreadId, streaming.RunId, polling.ThreadId, polling.RunId));
        Assert.True(await agent.CancelRunAsync(streaming, Ct));
        Assert.Equal(("t7", "r7"), connector.Cancelled[^1]);
    }

    [Fact]
    public async Task A_continuation_is_checked_at_the_call()
    {
        var chat = new RunChatClient(new EchoConnector());
        var agent = new RunAgent(new EchoConnector());
        var theirs = new RunContinuationToken("other", "t1", "r1");
        var ours = new RunContinuationToken("echo", "t1", "r1");

        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = theirs }));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync("more", new ChatOptions { ContinuationToken = ours }));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = ResponseContinuationToken.FromBytes("{}"u8.ToArray()) }));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = ResponseContinuationToken.FromBytes("no json"u8.ToArray()) }));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.GetResponseAsync("more", new ChatOptions { ContinuationToken = ours }, Ct));
        // Agent Framework's RunStreamingAsync defers to the first MoveNext; still nothing reaches the connector.
        await Assert.ThrowsAsync<ArgumentException>(async () => await agent.RunStreamingAsync([], options: new AgentRunOptions { ContinuationToken = theirs }).ToListAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await agent.RunStreamingAsync(Array.Empty<ChatMessage>(), options: null).ToListAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => agent.RunAsync("more", options: new AgentRunOptions { ContinuationToken = ours }, cancellationToken: Ct));
    }

    [Fact]
    public void A_continuation_token_round_trips_through_its_bytes_and_names_no_secret()
    {
        var token = new RunContinuationToken("langgraph", "t1", "r1", "7");
        var copy = RunContinuationToken.From(ResponseContinuationToken.FromBytes(token.ToBytes()));
        var fresh = RunContinuationToken.From(ResponseContinuationToken.FromBytes(new RunContinuationToken("wxo", "t", "r", "").ToBytes()));

        Assert.Equal(("langgraph", "t1", "r1", "7"), (copy.Provider, copy.ThreadId, copy.RunId, copy.LastEventId));
        Assert.Null(fresh.LastEventId);
        Assert.Same(token, RunContinuationToken.From(token));
        Assert.Same(token, token.After(null));
        Assert.Equal("8", token.After("8").LastEventId);
        Assert.Equal("RunContinuationToken(langgraph, thread t1, run r1, after event 7)", token.ToString());
        Assert.Equal("""{"provider":"wxo","threadId":"t","runId":"r"}""", System.Text.Encoding.UTF8.GetString(new RunContinuationToken("wxo", "t", "r").ToBytes().Span));
        Assert.Throws<ArgumentException>(() => new RunContinuationToken(" ", "t", "r"));
        Assert.Throws<ArgumentException>(() => new RunContinuationToken("p", "", "r"));
        Assert.Throws<ArgumentNullException>(() => new RunContinuationToken("p", "t", null!));
        Assert.Throws<ArgumentNullException>(() => RunContinuationToken.From(null!));
    }

    [Fact]
    public async Task Every_response_and_update_names_the_agent_that_wrote_it()
    {
        var agent = new RunAgent(new EchoConnector());

        var response = await agent.RunAsync("hi", cancellationToken: Ct);
        var updates = await agent.RunStreamingAsync("hi", cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal("echo:echo-agent", response.AgentId);
        Assert.All(updates, u => Assert.Equal("echo:echo-agent", u.AgentId));
    }

    [Fact]
    public async Task What_the_connector_refuses_is_refused_before_a_thread_or_a_run_by_every_entry_point()
    {
        var connector = new EchoConnector();
        var agent = new RunAgent(connector);
        var chat = new RunChatClient(connector);

        await Assert.ThrowsAsync<NotSupportedException>(async () => await agent.RunStreamingAsync("refuse", cancellationToken: Ct).ToListAsync(Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => agent.RunAsync("refuse", cancellationToken: Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("refuse", cancellationToken: Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => chat.GetResponseAsync("refuse", new ChatOptions { AllowBackgroundResponses = true }, Ct));
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync("refuse"));

        Assert.Equal(0, connector.ThreadsCreated);
    }

    [Fact]
    public void Bad_message_lists_are_named_whatever_their_kind()
    {
        var chat = new RunChatClient(new EchoConnector());
        static IEnumerable<ChatMessage> Lazily(params ChatMessage?[] messages)
        {
            foreach (var message in messages)
            {
                yield return message!;
            }
        }

        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(() => chat.GetStreamingResponseAsync(null!)).ParamName);
        Assert.Equal("messages", Assert.Throws<ArgumentNullException>(
            () => chat.GetStreamingResponseAsync(null!, new ChatOptions { ContinuationToken = new RunContinuationToken("echo", "t", "r") })).ParamName);
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "a"), null!]));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync(Lazily(new ChatMessage(ChatRole.User, "a"), null)));
        Assert.NotNull(chat.GetStreamingResponseAsync(Lazily(new ChatMessage(ChatRole.User, "a"))));
    }

    [Fact]
    public async Task Services_come_from_the_agent_then_the_connector_and_keyed_ones_from_the_connector_only()
    {
        var connector = new EchoConnector();
        var agent = new RunAgent(connector);
        var chat = new RunChatClient(connector);

        Assert.Equal("keyed k", agent.GetService(typeof(string), "k"));
        Assert.Null(agent.GetService(typeof(RunAgentConnector), "k"));
        Assert.Same(connector, agent.GetService(typeof(RunAgentConnector)));
        Assert.Same(agent, agent.GetService(typeof(AIAgent)));
        Assert.Equal("plain", agent.GetService(typeof(string)));
        Assert.Equal("keyed k", chat.GetService(typeof(string), "k"));
        Assert.Same(connector, chat.GetService(typeof(RunAgentConnector)));
        Assert.Equal("plain", chat.GetService(typeof(string)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => agent.CancelRunAsync(null!, Ct));
        Assert.Equal("RunAgentSession(no thread yet)", (await agent.CreateSessionAsync(Ct)).ToString());
    }

    [Fact]
    public void A_token_whose_ids_are_not_text_is_not_a_token()
    {
        Assert.Throws<ArgumentException>(() => RunContinuationToken.From(ResponseContinuationToken.FromBytes("""{"provider":1,"threadId":"t","runId":"r"}"""u8.ToArray())));
        Assert.Equal("RunContinuationToken(p, thread t, run r, after event none)", new RunContinuationToken("p", "t", "r").ToString());
    }
}

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

        public override async Task<string> CreateThreadAsync(CancellationToken cancellationToken)
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

            return $"t{Interlocked.Increment(ref _threads)}";
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(
            string threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "echo: ") { ResponseId = "r1", MessageId = "m1" };
            yield return new ChatResponseUpdate(ChatRole.Assistant, $"{messages[^1].Text} on {threadId}") { ResponseId = "r1", MessageId = "m1" };
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
        Assert.Null(chat.GetService<string>());
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
}

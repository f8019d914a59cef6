using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// A LangGraph graph as an IChatClient and an AIAgent, against the real Agent Server: <c>server/chat.js</c> answers with
/// a fake chat model from @langchain/core that streams its answer character by character ("You said: … (message n)").
/// </summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerAgentTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private TestHost<ILangGraphRunsClient> Client() => LangGraphTestClient.Create(server.BaseAddress);

    [Fact]
    public async Task Tokens_stream_as_they_are_written_and_add_up_to_the_answer()
    {
        using var host = Client();
        var chat = host.Client.AsChatClient("chat");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: Ct))
        {
            updates.Add(update);
        }

        var text = updates.Where(u => u.Contents.OfType<TextContent>().Any()).ToList();
        Assert.True(text.Count >= 3, $"{text.Count} text updates");
        Assert.Equal("You said: hi (message 1)", string.Concat(text.Select(u => u.Text)));
        Assert.All(updates, u => Assert.True(Guid.TryParse(u.ResponseId, out _), $"response id '{u.ResponseId}'"));
        Assert.Single(updates.Select(u => u.ConversationId).Distinct());
        Assert.All(text, u => Assert.Equal(("answer", ChatRole.Assistant), (u.AuthorName, u.Role!.Value)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        // The run the response id names is the run that answered, on the thread the conversation id names.
        var run = await host.Client.GetThreadRunAsync(Guid.Parse(updates[^1].ConversationId!), Guid.Parse(updates[^1].ResponseId!), Ct);
        Assert.Equal(Models.ThreadRunStatus.Success, run.Status);
    }

    [Fact]
    public async Task A_conversation_id_continues_the_thread_and_none_starts_a_new_one()
    {
        using var host = Client();
        var chat = host.Client.AsChatClient("chat");

        var first = await chat.GetResponseAsync("hello", cancellationToken: Ct);
        var second = await chat.GetResponseAsync("again", new ChatOptions { ConversationId = first.ConversationId }, Ct);
        var fresh = await chat.GetResponseAsync("new", cancellationToken: Ct);

        Assert.Equal("You said: hello (message 1)", first.Text);
        Assert.Equal("You said: again (message 3)", second.Text);
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Equal("You said: new (message 1)", fresh.Text);
        Assert.NotEqual(first.ConversationId, fresh.ConversationId);
        Assert.NotEqual(first.ResponseId, second.ResponseId);
    }

    [Fact]
    public async Task A_serialized_session_continues_the_conversation_in_a_new_client()
    {
        JsonElement saved;
        string? threadId;
        using (var host = Client())
        {
            AIAgent agent = host.Client.AsAIAgent("chat");
            var session = await agent.CreateSessionAsync(Ct);
            var reply = await agent.RunAsync("first", session, cancellationToken: Ct);
            Assert.Equal("You said: first (message 1)", reply.Text);
            saved = await agent.SerializeSessionAsync(session, cancellationToken: Ct);
            threadId = ((RunAgentSession)session).ThreadId;
        }

        using var restored = Client();
        AIAgent again = restored.Client.AsAIAgent("chat");
        var resumed = await again.DeserializeSessionAsync(saved, cancellationToken: Ct);
        var updates = new List<AgentResponseUpdate>();
        await foreach (var update in again.RunStreamingAsync("second", resumed, cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal(threadId, ((RunAgentSession)resumed).ThreadId);
        Assert.Equal("You said: second (message 3)", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal("langgraph:chat", u.AgentId));
    }

    [Fact]
    public async Task What_a_graph_cannot_take_is_refused_before_any_request()
    {
        using var host = Client();
        var chat = host.Client.AsChatClient("chat");
        var image = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);

        var ex = Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([image], cancellationToken: Ct));
        // AIAgent's public methods are iterators of their own, so the agent refuses at the first MoveNext, still before any request.
        var agentEx = await Assert.ThrowsAsync<NotSupportedException>(
            async () => await host.Client.AsAIAgent("chat").RunStreamingAsync([image], cancellationToken: Ct).GetAsyncEnumerator(Ct).MoveNextAsync());

        Assert.Contains("DataContent", ex.Message);
        Assert.Contains("DataContent", agentEx.Message);
    }

    [Fact]
    public async Task A_question_of_the_graph_ends_the_turn_and_the_answer_resumes_it_even_from_a_new_client()
    {
        JsonElement saved;
        string requestId;
        using (var host = Client())
        {
            AIAgent agent = host.Client.AsAIAgent("ask");
            var session = await agent.CreateSessionAsync(Ct);
            var asked = await agent.RunAsync("book me a flight", session, cancellationToken: Ct);

            var question = Assert.Single(asked.Messages.SelectMany(m => m.Contents).OfType<RunInputRequestContent>());
            Assert.Equal(("Book the flight?", 0), (question.Question, question.Namespace.Count));
            Assert.NotEqual(ChatFinishReason.Stop, asked.FinishReason);
            saved = await agent.SerializeSessionAsync(session, cancellationToken: Ct);
            requestId = question.RequestId;
        }

        // Another process: the session and the question's id are all it needs.
        using var restored = Client();
        AIAgent again = restored.Client.AsAIAgent("ask");
        var resumed = await again.DeserializeSessionAsync(saved, cancellationToken: Ct);
        var answer = new ChatMessage(ChatRole.User, [new RunInputResponseContent(requestId, System.Text.Json.Nodes.JsonValue.Create("yes"))]);
        var done = await again.RunAsync(answer, resumed, cancellationToken: Ct);

        Assert.Equal("Booked: yes", done.Text);
        Assert.Equal(ChatFinishReason.Stop, done.FinishReason);
    }

    [Fact]
    public async Task Two_questions_asked_at_once_are_answered_by_id_in_one_turn()
    {
        using var host = Client();
        var chat = host.Client.AsChatClient("ask-two");

        var asked = await chat.GetResponseAsync("go", cancellationToken: Ct);
        var questions = asked.Messages.SelectMany(m => m.Contents).OfType<RunInputRequestContent>().ToList();
        var answers = questions.Select(q => (AIContent)q.CreateResponse(q.Question == "First?" ? "one" : "two")).ToList();
        var done = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, answers)], new ChatOptions { ConversationId = asked.ConversationId }, Ct);

        Assert.Equal(["First?", "Second?"], questions.Select(q => q.Question).Order());
        Assert.Equal("A=one, B=two", done.Text);
    }

    [Fact]
    public async Task The_agent_s_tool_call_and_its_result_are_visible_before_the_answer()
    {
        using var host = Client();
        var agent = host.Client.AsAIAgent("tools");

        var contents = new List<AIContent>();
        await foreach (var update in agent.RunStreamingAsync("weather in Paris?", cancellationToken: Ct))
        {
            contents.AddRange(update.Contents);
        }

        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal(("call-1", "get_weather", "Paris"), (call.CallId, call.Name, ((JsonElement)call.Arguments!["city"]!).GetString()));
        Assert.True(call.InformationalOnly);
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal(("call-1", (object?)"sunny"), (result.CallId, result.Result));
        Assert.True(contents.IndexOf(result) > contents.IndexOf(call));
        Assert.Equal("It is sunny in Paris.", string.Concat(contents.Skip(contents.IndexOf(result)).OfType<TextContent>().Select(t => t.Text)));
    }

    [Fact]
    public async Task A_background_stream_resumes_in_a_new_client_with_every_token_exactly_once()
    {
        ResponseContinuationToken? token = null;
        var before = string.Empty;
        using (var host = Client())
        {
            var chat = host.Client.AsChatClient("chat");
            await foreach (var update in chat.GetStreamingResponseAsync(
                [new ChatMessage(ChatRole.User, "a background answer")], new ChatOptions { AllowBackgroundResponses = true }, Ct))
            {
                before += update.Text;
                token = update.ContinuationToken ?? token;
                if (before.Length >= 5)
                {
                    break; // the caller leaves; the run goes on
                }
            }
        }

        // The token crosses processes as JSON and comes back as the base type.
        var json = JsonSerializer.Serialize(token, AIJsonUtilities.DefaultOptions);
        var restored = JsonSerializer.Deserialize<ResponseContinuationToken>(json, AIJsonUtilities.DefaultOptions)!;
        Assert.IsNotType<RunContinuationToken>(restored);
        using var again = Client();
        var rest = new List<ChatResponseUpdate>();
        await foreach (var update in again.Client.AsChatClient("chat").GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = restored }, Ct))
        {
            rest.Add(update);
        }

        Assert.Equal("You said: a background answer (message 1)", before + string.Concat(rest.Select(u => u.Text)));
        var ours = RunContinuationToken.From(restored);
        Assert.All(rest, u => Assert.Equal((ours.RunId, ours.ThreadId), (u.ResponseId, u.ConversationId)));
        Assert.Equal(ChatFinishReason.Stop, rest[^1].FinishReason);
        Assert.Null(rest[^1].ContinuationToken);
        Assert.All(rest[..^1].Where(u => u.Text.Length > 0), u => Assert.NotNull(u.ContinuationToken));
    }

    [Fact]
    public async Task A_background_response_returns_at_once_and_is_polled_to_its_answer()
    {
        using var host = Client();
        var chat = host.Client.AsChatClient("chat");

        var started = await chat.GetResponseAsync("poll me", new ChatOptions { AllowBackgroundResponses = true }, Ct);
        var response = started;
        var polls = 0;
        while (response.ContinuationToken is { } token)
        {
            polls++;
            await Task.Delay(100, Ct);
            response = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = token }, Ct);
        }

        Assert.Empty(started.Messages);
        Assert.NotNull(started.ContinuationToken);
        Assert.True(polls >= 1);
        Assert.Equal("You said: poll me (message 1)", response.Text);
        Assert.Equal((started.ResponseId, started.ConversationId), (response.ResponseId, response.ConversationId));
    }

    [Fact]
    public async Task The_caller_s_cancellation_leaves_the_run_going_and_an_explicit_cancel_stops_it()
    {
        using var host = Client();
        var agent = host.Client.AsAIAgent("chat");
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);
        using var leave = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // A long answer (20 ms per character): the caller leaves after its first token.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in agent.RunStreamingAsync(new string('x', 400), session, cancellationToken: leave.Token))
            {
                if (update.Text.Length > 0)
                {
                    leave.Cancel();
                }
            }
        });

        var (thread, run) = (Guid.Parse(session.ThreadId!), Guid.Parse(session.RunId!));
        Assert.Equal(Models.ThreadRunStatus.Running, (await host.Client.GetThreadRunAsync(thread, run, Ct)).Status);

        Assert.True(await agent.CancelRunAsync(session, Ct));
        var status = (await host.Client.GetThreadRunAsync(thread, run, Ct)).Status;
        while (status == Models.ThreadRunStatus.Running || status == Models.ThreadRunStatus.Pending)
        {
            await Task.Delay(50, Ct);
            status = (await host.Client.GetThreadRunAsync(thread, run, Ct)).Status;
        }

        Assert.NotEqual(Models.ThreadRunStatus.Success, status);
        Assert.False(await agent.CancelRunAsync(await agent.CreateSessionAsync(Ct), Ct));
    }
}

using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Agents;

/// <summary>
/// An Orchestrate agent as an IChatClient and an AIAgent, on scripted runs. Event names are those of
/// <c>tests/specs/wxo-create-run-stream.page.txt</c> and <c>wxo-run-events.page.txt</c> (<c>{id, event, data}</c>); the
/// data shapes are IBM's: content items <c>{"response_type": "text", "text"}</c> and <c>step_details</c>
/// (<c>tool_calls</c> / <c>tool_response</c>) as IBM's ADK reads a thread's messages and their <c>step_history</c>,
/// <c>message.created</c>'s <c>data.message</c> and intermediate <c>data.message.text</c> as the ADK's chat reads them.
/// </summary>
public sealed class WxOAgentTests : IDisposable
{
    private const string Runs = "/v1/orchestrate/runs";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static string Event(string id, string name, string data) => $$"""{"id":"{{id}}","event":"{{name}}","data":{{data}}}""";

    private static string Delta(string id, string text)
        => Event(id, "message.delta", $$$"""{"run_id":"r-1","delta":{"role":"assistant","content":[{"response_type":"text","text":"{{{text}}}"}]}}""");

    private static readonly string[] Answer =
    [
        Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}"""),
        Event("2", "run.step.thinking", """{"run_id":"r-1","message":{"text":"Looking it up"}}"""),
        Event("3", "run.step.delta", """{"run_id":"r-1","delta":{"role":"assistant","step_details":[{"type":"tool_calls","tool_calls":[{"id":"call-1","name":"get_weather","args":{"city":"Paris"}}]}]}}"""),
        Event("4", "run.step.delta", """{"run_id":"r-1","delta":{"role":"assistant","step_details":[{"type":"tool_response","name":"get_weather","content":"sunny","tool_call_id":"call-1"}]}}"""),
        Event("5", "message.started", """{"run_id":"r-1"}"""),
        Delta("6", "It is "),
        Delta("7", "sunny"),
        Event("8", "message.delta", """{"run_id":"r-1","delta":{"content":" in Paris."}}"""),
        Event("9", "message.created", """{"run_id":"r-1","message":{"role":"assistant","content":[{"response_type":"text","text":"It is sunny in Paris."}]}}"""),
        Event("10", "run.completed", """{"run_id":"r-1","thread_id":"t-1"}"""),
    ];

    private void Stream(params string[] events)
        => _server.Given(Request.Create().WithPath($"{Runs}/stream").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/event-stream").WithBody(string.Concat(events.Select(e => $"data: {e}\n\n"))));

    private JsonElement Body(int index = 0)
        => JsonDocument.Parse(_server.LogEntries.ElementAt(index).RequestMessage!.Body!).RootElement;

    [Fact]
    public async Task Tokens_thinking_and_tool_steps_stream_as_typed_contents_on_the_thread_the_server_named()
    {
        Stream(Answer);
        using var wxo = new WxOTestClient(_server);

        var updates = await wxo.Client.AsChatClient("agent-1").GetStreamingResponseAsync("weather in Paris?", cancellationToken: Ct).ToListAsync(Ct);

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.Equal(["It is ", "sunny", " in Paris."], contents.OfType<TextContent>().Select(t => t.Text));
        Assert.Equal("Looking it up", Assert.Single(contents.OfType<TextReasoningContent>()).Text);
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal(("call-1", "get_weather", true), (call.CallId, call.Name, call.InformationalOnly));
        Assert.Equal("Paris", ((JsonElement)call.Arguments!["city"]!).GetString());
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal(("call-1", (object?)"sunny"), (result.CallId, result.Result));
        Assert.All(updates, u => Assert.Equal(("r-1", "t-1"), (u.ResponseId, u.ConversationId)));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.IsType<AssistantRunEvent>(updates[0].RawRepresentation);
        JsonAssert.Equivalent("""{"message":{"role":"user","content":"weather in Paris?"},"agent_id":"agent-1"}""", Body().GetRawText());
    }

    [Fact]
    public async Task A_message_that_was_not_streamed_comes_whole_from_message_created_and_errors_are_error_contents()
    {
        Stream(
            Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}"""),
            Event("2", "message.created", """{"message":{"role":"assistant","content":[{"response_type":"text","text":"Hello"},{"response_type":"user_input"}]}}"""),
            Event("3", "error", """{"message":"tool timed out"}"""),
            Event("4", "done", "{}"));
        using var wxo = new WxOTestClient(_server);

        var response = await wxo.Client.AsChatClient("agent-1").GetResponseAsync("hi", new ChatOptions { ConversationId = "t-1" }, Ct);

        Assert.Equal("Hello", response.Text);
        Assert.Equal("tool timed out", Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>()).Message);
        Assert.Equal(("r-1", "t-1"), (response.ResponseId, response.ConversationId));
        Assert.Equal("t-1", Body().GetProperty("thread_id").GetString());
    }

    [Fact]
    public async Task A_question_of_the_agent_ends_the_turn_and_the_answer_is_a_new_run_on_the_same_thread()
    {
        Stream(
            Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}"""),
            Event("2", "message.interrupt", """{"run_id":"r-1","message":{"role":"assistant","content":[{"response_type":"text","text":"Which city?"}]}}"""),
            Event("3", "done", "{}"));
        using var wxo = new WxOTestClient(_server);
        var agent = wxo.Client.AsAIAgent("agent-1");
        var session = (RunAgentSession)await agent.CreateSessionAsync(Ct);

        var asked = await agent.RunAsync("weather?", session, cancellationToken: Ct);
        var question = Assert.Single(asked.Messages.SelectMany(m => m.Contents).OfType<RunInputRequestContent>());
        Assert.Equal(("2", "Which city?"), (question.RequestId, question.Question));
        Assert.Null(asked.FinishReason);
        Assert.Equal("t-1", session.ThreadId);

        await agent.RunAsync(new ChatMessage(ChatRole.User, [question.CreateResponse("Paris")]), session, cancellationToken: Ct);

        JsonAssert.Equivalent("""{"message":{"role":"user","content":"Paris"},"agent_id":"agent-1","thread_id":"t-1"}""", Body(1).GetRawText());
        var saved = await agent.SerializeSessionAsync(session, cancellationToken: Ct);
        Assert.Equal("""{"threadId":"t-1"}""", saved.GetRawText());
    }

    [Fact]
    public async Task A_background_response_starts_the_run_and_its_answer_is_read_from_the_thread_when_the_events_have_none()
    {
        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithBody("""{"thread_id":"t-1","run_id":"r-1"}"""));
        _server.GivenSequence(
            $"{Runs}/r-1",
            Response.Create().WithBody("""{"id":"r-1","thread_id":"t-1","status":"running"}"""),
            Response.Create().WithBody("""{"id":"r-1","thread_id":"t-1","status":"completed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody(
            $"[{Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}""")},{Event("2", "run.completed", """{"run_id":"r-1"}""")}]"));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/threads/t-1/messages").UsingGet()).RespondWith(Response.Create().WithBody("""
            [{"id":"m-1","thread_id":"t-1","role":"user","content":[{"response_type":"text","text":"hi"}]},
             {"id":"m-2","thread_id":"t-1","role":"assistant","content":[{"response_type":"text","id":"1","text":"Hello there"}],"step_history":[]}]
            """));
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");

        var started = await chat.GetResponseAsync("hi", new ChatOptions { AllowBackgroundResponses = true }, Ct);
        var running = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = started.ContinuationToken }, Ct);
        var done = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = running.ContinuationToken }, Ct);

        Assert.Equal(("r-1", "t-1"), (started.ResponseId, started.ConversationId));
        Assert.Empty(started.Messages);
        Assert.NotNull(running.ContinuationToken);
        Assert.Equal("Hello there", done.Text);
        Assert.Equal("m-2", done.Messages[^1].MessageId);
        Assert.Null(done.ContinuationToken);
    }

    [Fact]
    public async Task A_cut_background_stream_continues_from_the_run_s_events_with_every_token_once()
    {
        Stream(Answer);
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody("""{"id":"r-1","thread_id":"t-1","status":"completed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody($"[{string.Join(",", Answer)}]"));
        using var wxo = new WxOTestClient(_server);
        var agent = wxo.Client.AsAIAgent("agent-1");

        var before = new List<AgentResponseUpdate>();
        await foreach (var update in agent.RunStreamingAsync("weather?", options: new AgentRunOptions { AllowBackgroundResponses = true }, cancellationToken: Ct))
        {
            before.Add(update);
            if (update.Text == "It is ")
            {
                break;
            }
        }

        var token = RunContinuationToken.From(before[^1].ContinuationToken!);
        var rest = await agent.RunStreamingAsync([], options: new AgentRunOptions { ContinuationToken = token }, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(("wxo", "t-1", "r-1", "6"), (token.Provider, token.ThreadId, token.RunId, token.LastEventId));
        Assert.Equal("It is sunny in Paris.", string.Concat(before.Concat(rest).Select(u => u.Text)));
        Assert.Single(before.Concat(rest).SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Null(rest[^1].ContinuationToken);
    }

    [Fact]
    public async Task A_token_naming_an_event_the_run_does_not_hold_is_refused_rather_than_repeating_or_skipping()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody("""{"id":"r-1","thread_id":"t-1","status":"completed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody($"[{string.Join(",", Answer)}]"));
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");

        var ex = await Assert.ThrowsAsync<RunApiException>(async () =>
            await chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = new RunContinuationToken("wxo", "t-1", "r-1", "99") }, Ct).ToListAsync(Ct));

        Assert.Contains("no event '99'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_shape_the_vendor_sources_show_is_read_and_the_rest_skipped()
    {
        Stream(
            Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}"""),
            Event("2", "run.step.intermediate", """{"message":{"content":[{"response_type":"text","text":"step one"},{"text":""}]}}"""),
            Event("3", "run.step.delta", """{"delta":{"step_details":[{"type":"tool_response","tool_call_id":"c-1","content":{"rows":2}},{"type":"tool_calls","tool_calls":[{"id":"c-2","name":"n","args":"not an object"},{"name":"no id"}]},{"type":"other"}]}}"""),
            Event("4", "message.delta", """{"delta":{"content":[{"response_type":"text","text":""},{"response_type":"image"},"A"]}}"""),
            Event("5", "message.created", """{"message":{"content":[{"response_type":"text","text":"A"}]}}"""),
            Event("6", "message.created", """{"message":{"content":"B"}}"""),
            Event("7", "error", """{"error":{"message":"nested"}}"""),
            Event("8", "error", """{"error":"plain"}"""),
            Event("9", "error", """{}"""),
            Event("10", "planning", """{"whatever":1}"""),
            Event("11", "done", "{}"));
        using var wxo = new WxOTestClient(_server);

        var updates = await wxo.Client.AsChatClient("agent-1").GetStreamingResponseAsync("hi", cancellationToken: Ct).ToListAsync(Ct);

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.Equal("step one", Assert.Single(contents.OfType<TextReasoningContent>()).Text);
        Assert.Equal(2, ((JsonElement)Assert.Single(contents.OfType<FunctionResultContent>()).Result!).GetProperty("rows").GetInt32());
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal(("c-2", (IDictionary<string, object?>?)null), (call.CallId, call.Arguments));
        Assert.Equal(["A", "B"], contents.OfType<TextContent>().Select(t => t.Text));
        var errors = contents.OfType<ErrorContent>().ToList();
        Assert.Equal(["nested", "plain", "The agent reported an error."], errors.Select(e => e.Message));
        Assert.Equal("""{"error":"plain"}""", errors[1].Details);
        Assert.Equal(8, updates.Count);   // one per event that maps to something (7), and the end
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.All(updates, u => Assert.Null(u.ContinuationToken));
        Assert.Null(wxo.Client.AsChatClient("agent-1").GetService(typeof(string)));
        Assert.Null(wxo.Client.AsChatClient("agent-1").GetService(typeof(IWxORunsClient), "key"));
    }

    [Fact]
    public async Task Questions_take_their_text_and_id_from_where_the_event_has_them()
    {
        Stream(
            Event("1", "run.started", """{"run_id":"r-1","thread_id":"t-1"}"""),
            Event("2", "message.interrupt", """{"message":{"text":"Plain question?","content":[{"response_type":"text","text":"not this"}]}}"""),
            """{"event":"message.interrupt","data":{"message":{"id":"m-9","content":[{"response_type":"form"}]},"form":{"x":1}}}""",
            """{"event":"message.interrupt","data":{"kind":"confirm"}}""",
            Event("5", "message.delta", """{"delta":{"content":"Hi"}}"""),
            """{"event":"message.delta","data":{"delta":{"content":" there"}}}""",
            Event("7", "done", "{}"));
        using var wxo = new WxOTestClient(_server);

        var updates = await wxo.Client.AsChatClient("agent-1").GetStreamingResponseAsync(
            "hi", new ChatOptions { AllowBackgroundResponses = true }, Ct).ToListAsync(Ct);

        var questions = updates.SelectMany(u => u.Contents).OfType<RunInputRequestContent>().ToList();
        Assert.Equal(["2", "m-9", "interrupt"], questions.Select(q => q.RequestId));
        Assert.Equal("Plain question?", questions[0].Question);
        Assert.Equal(1, questions[1].Value.GetProperty("form").GetProperty("x").GetInt32());
        Assert.Equal("confirm", questions[2].Value.GetProperty("kind").GetString());
        Assert.Null(updates[^1].FinishReason);
        // A token names an event; an event without an id gets none.
        Assert.Equal(["2", "5"], updates.Where(u => u.ContinuationToken is not null).Select(u => RunContinuationToken.From(u.ContinuationToken!).LastEventId));
    }

    [Fact]
    public async Task Answers_and_texts_become_one_message_and_an_empty_one_is_refused()
    {
        Stream(Event("1", "done", "{}"));
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");

        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent(""), new TextContent("x")])], cancellationToken: Ct);
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, [new RunInputResponseContent("i", new System.Text.Json.Nodes.JsonObject { ["city"] = "Paris" })])], cancellationToken: Ct);

        Assert.Equal("x", Body(0).GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("""{"city":"Paris"}""", Body(1).GetProperty("message").GetProperty("content").GetString());
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new RunInputResponseContent("i", null)])]));
    }

    [Fact]
    public async Task A_background_start_without_a_thread_in_its_ids_reads_it_from_the_run_and_a_polled_answer_with_text_needs_no_thread_read()
    {
        _server.Given(Request.Create().WithPath(Runs).UsingPost()).RespondWith(Response.Create().WithBody("""{"run_id":"r-1"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody("""{"id":"r-1","thread_id":"t-9","status":"completed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody($"[{string.Join(",", Answer)}]"));
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");

        var started = await chat.GetResponseAsync("hi", new ChatOptions { AllowBackgroundResponses = true }, Ct);
        var done = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = started.ContinuationToken }, Ct);

        Assert.Equal(("r-1", "t-9"), (started.ResponseId, started.ConversationId));
        Assert.Equal("It is sunny in Paris.", done.Text);
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage!.Path.Contains("/threads/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"role":"user","content":[{"response_type":"text","text":"only the question"}]}]""")]
    [InlineData("""[{"role":"assistant","content":[{"response_type":"form"}]}]""")]
    public async Task A_polled_run_without_text_or_an_answer_on_its_thread_ends_with_no_text(string messages)
    {
        _server.Given(Request.Create().WithPath($"{Runs}/r-1").UsingGet()).RespondWith(Response.Create().WithBody("""{"id":"r-1","thread_id":"t-1","status":"failed"}"""));
        _server.Given(Request.Create().WithPath($"{Runs}/r-1/events").UsingGet()).RespondWith(Response.Create().WithBody("[]"));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/threads/t-1/messages").UsingGet()).RespondWith(Response.Create().WithBody(messages));
        using var wxo = new WxOTestClient(_server);

        var done = await wxo.Client.AsChatClient("agent-1").GetResponseAsync([], new ChatOptions { ContinuationToken = new RunContinuationToken("wxo", "t-1", "r-1") }, Ct);

        Assert.Equal("", done.Text);
        Assert.Equal(ChatFinishReason.Stop, done.FinishReason);
    }

    [Fact]
    public async Task Stopping_a_run_cancels_it_on_the_server()
    {
        _server.Given(Request.Create().WithPath($"{Runs}/cancel/r-1").UsingPost()).RespondWith(Response.Create().WithBody("""{"run_id":"r-1","thread_id":"t-1"}"""));
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.AsChatClient("agent-1").CancelRunAsync("t-1", "r-1", Ct);

        Assert.Equal($"{Runs}/cancel/r-1", Assert.Single(_server.LogEntries).RequestMessage!.Path);
    }

    [Fact]
    public async Task What_Orchestrate_cannot_take_is_refused_before_any_request()
    {
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");

        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "hi")]));
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new UriContent(new Uri("http://x/a.png"), "image/png")])]));
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new BareAnswer("i-1")])]));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "")]));
        Assert.Throws<ArgumentException>(() => wxo.Client.AsChatClient(""));
        Assert.Throws<ArgumentNullException>(() => ((IWxORunsClient)null!).AsAIAgent("a"));
        await Assert.ThrowsAsync<ArgumentException>(() => wxo.Client.GetThreadMessagesAsync("..", Ct));
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task Several_user_texts_of_one_turn_are_one_message_a_blank_line_apart()
    {
        Stream(Event("1", "done", "{}"));
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.AsChatClient("agent-1").GetResponseAsync([new ChatMessage(ChatRole.User, "first"), new ChatMessage(ChatRole.User, "second")], cancellationToken: Ct);

        Assert.Equal("first\n\nsecond", Body().GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_chat_client_and_the_agent_describe_themselves()
    {
        using var wxo = new WxOTestClient(_server);
        var chat = wxo.Client.AsChatClient("agent-1");
        var agent = wxo.Client.AsAIAgent("agent-1", "HR", "answers HR questions");

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal(("wxo", new Uri(_server.Url!), "agent-1"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
        Assert.Same(wxo.Client, chat.GetService<IWxORunsClient>());
        Assert.Equal(("wxo:agent-1", "HR", "answers HR questions"), (agent.Id, agent.Name, agent.Description));
        Assert.Same(wxo.Client, agent.GetService<IWxORunsClient>());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_thread_s_messages_are_read_as_a_list_or_a_data_page()
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/threads/t-1/messages").UsingGet()).RespondWith(Response.Create().WithBody("""
            [{"id":"m-1","thread_id":"t-1","role":"user","content":[{"response_type":"text","text":"hi"}],"created_on":"2025-08-21T08:22:07.025454Z","parent_message_id":null},
             {"id":"m-2","role":"assistant","content":[{"response_type":"text","text":"a"},{"response_type":"form"},{"text":"b"}],"step_history":[{"role":"assistant","step_details":[]}],"message_state":null}]
            """));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/threads/t-2/messages").UsingGet()).RespondWith(Response.Create().WithBody("""{"data":[{"role":"assistant","content":"plain"}]}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/threads/t-3/messages").UsingGet()).RespondWith(Response.Create().WithBody("""{"messages":[]}"""));
        using var wxo = new WxOTestClient(_server);

        var one = await wxo.Client.GetThreadMessagesAsync("t-1", Ct);
        var two = await wxo.Client.GetThreadMessagesAsync("t-2", Ct);

        Assert.Equal(["hi", "a\nb"], one.Select(m => m.Text));
        Assert.Equal(("m-1", "t-1", "user"), (one[0].Id, one[0].ThreadId, one[0].Role));
        Assert.Equal(2025, one[0].CreatedOn!.Value.Year);
        Assert.Equal(JsonValueKind.Array, one[1].StepHistory.ValueKind);
        Assert.True(one[1].AdditionalProperties!.ContainsKey("message_state"));
        Assert.Equal("plain", Assert.Single(two).Text);
        var items = JsonDocument.Parse("""["x",{"response_type":"text","text":"y"},{"response_type":7,"text":"z"},{"response_type":"form","text":"w"},{"text":""},3]""").RootElement;
        Assert.Equal("x\ny\nz", WxOModelFactory.ThreadMessage("assistant", items).Text);
        Assert.Equal("", WxOModelFactory.ThreadMessage("assistant", JsonDocument.Parse("null").RootElement).Text);
        await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetThreadMessagesAsync("t-3", Ct));
        Assert.Equal("", WxOModelFactory.ThreadMessage("user").Text);
    }

    private sealed class BareAnswer(string requestId) : InputResponseContent(requestId);
}

using LangGraph.Client.Agents;
using Microsoft.Extensions.AI;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// How a LangGraph stream becomes chat updates, on scripted streams of the shapes the LangGraph SDKs type
/// (<c>messages</c> events are <c>[message chunk, metadata]</c>; a subgraph's carry <c>|namespace</c>).
/// </summary>
public sealed class AgentMappingTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static string Chunk(string type, string content, string node = "agent")
        => $$"""[{"type":"{{type}}","id":"m-1","content":{{content}}},{"langgraph_node":"{{node}}"}]""";

    private void Stream(params (string Event, string Data)[] events)
    {
        var body = string.Concat(events.Select((e, i) => $"event: {e.Event}\ndata: {e.Data}\nid: {i}\n\n"));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/stream").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(body));
    }

    private async Task<List<ChatResponseUpdate>> ChatAsync(params ChatMessage[] messages)
    {
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in host.Client.AsChatClient("agent").GetStreamingResponseAsync(
            messages, new ChatOptions { ConversationId = ThreadId.ToString() }, Ct))
        {
            updates.Add(update);
        }

        return updates;
    }

    [Fact]
    public async Task Text_of_AI_chunks_in_strings_and_text_blocks_is_kept_and_everything_else_skipped()
    {
        Stream(
            ("metadata", $$"""{"run_id":"{{RunId}}"}"""),
            ("messages", Chunk("AIMessageChunk", "\"Hel\"")),
            ("messages", Chunk("ai", """[{"type":"text","text":"lo"},{"type":"image_url","image_url":"x"}]""")),
            ("messages", Chunk("human", "\"not the agent\"")),
            ("messages", Chunk("ai", "\"\"")),
            ("messages|child:1", Chunk("ai", "\" world\"", node: "child")),
            ("updates", """{"agent":{"messages":[]}}"""),
            ("custom", "{}"));

        var updates = await ChatAsync(new ChatMessage(ChatRole.User, "hi"));

        var text = updates.Where(u => u.Text.Length > 0).ToList();
        Assert.Equal(["Hel", "lo", " world"], text.Select(u => u.Text));
        Assert.Equal(["agent", "agent", "child"], text.Select(u => u.AuthorName));
        Assert.All(updates, u => Assert.Equal((RunId.ToString(), ThreadId.ToString()), (u.ResponseId, u.ConversationId)));
        Assert.All(text, u => Assert.Equal("m-1", u.MessageId));
        Assert.Equal((ChatFinishReason.Stop, 0), (updates[^1].FinishReason!.Value, updates[^1].Contents.Count));
        Assert.IsType<Models.ThreadRunEvent>(text[0].RawRepresentation);
        // The graph's custom event has no content of its own but is kept, raw.
        var custom = Assert.Single(updates, u => u.RawRepresentation is Models.ThreadRunEvent { Event.Value: "custom" });
        Assert.Empty(custom.Contents);
    }

    [Fact]
    public async Task A_graph_whose_input_is_not_MessagesAnnotation_gets_its_own_shape()
    {
        Stream(("metadata", $$"""{"run_id":"{{RunId}}"}"""));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var options = new ChatOptions { ConversationId = ThreadId.ToString() };

        await host.Client.AsChatClient("agent", new LangGraphAgentOptions { MessagesKey = "history" }).GetResponseAsync("hi", options, Ct);
        await host.Client.AsChatClient("agent", new LangGraphAgentOptions { CreateInput = m => new System.Text.Json.Nodes.JsonObject { ["question"] = m[^1].Text } })
            .GetResponseAsync("why?", options, Ct);

        JsonAssert.Equivalent("""{"history":[{"role":"user","content":"hi"}]}""", Body(0).GetProperty("input").GetRawText());
        JsonAssert.Equivalent("""{"question":"why?"}""", Body(_server.LogEntries.Count() - 1).GetProperty("input").GetRawText());
        Assert.Throws<ArgumentException>(() => host.Client.AsChatClient("agent", new LangGraphAgentOptions { MessagesKey = " " }));
    }

    private System.Text.Json.JsonElement Body(int index)
        => System.Text.Json.JsonDocument.Parse(_server.LogEntries.ElementAt(index).RequestMessage!.Body!).RootElement;

    [Fact]
    public async Task Reasoning_usage_and_the_agent_s_tool_steps_are_typed_contents()
    {
        Stream(
            ("metadata", $$"""{"run_id":"{{RunId}}"}"""),
            ("messages", Chunk("ai", """[{"type":"thinking","thinking":"hmm"},{"type":"reasoning","reasoning":"so"},{"type":"text","text":"ok"}]""")),
            ("messages", """[{"type":"AIMessageChunk","content":"","additional_kwargs":{"reasoning_content":"r1"},"usage_metadata":{"input_tokens":3,"output_tokens":5,"total_tokens":8}},{}]"""),
            ("messages", """[{"type":"ai","content":"","usage_metadata":{"note":1}},{}]"""),
            ("updates", """{"agent":{"messages":[{"type":"ai","content":"","tool_calls":[{"id":"c-1","name":"get_weather","args":{"city":"Paris"}},{"name":"no id"}]}]}}"""),
            ("updates", """{"tools":{"messages":[{"type":"tool","tool_call_id":"c-1","content":"sunny"},{"type":"tool","content":"no call id"}]}}"""),
            ("updates", """{"tools":{"messages":{"type":"tool","tool_call_id":"c-2","content":{"t":21}}}}"""));

        var contents = (await ChatAsync(new ChatMessage(ChatRole.User, "hi"))).SelectMany(u => u.Contents).ToList();

        Assert.Equal(["hmm", "so", "r1"], contents.OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal("ok", Assert.Single(contents.OfType<TextContent>()).Text);
        var usage = Assert.Single(contents.OfType<UsageContent>()).Details;
        Assert.Equal((3L, 5L, 8L), (usage.InputTokenCount, usage.OutputTokenCount, usage.TotalTokenCount));
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal(("c-1", "get_weather", true), (call.CallId, call.Name, call.InformationalOnly));
        Assert.Equal("Paris", ((System.Text.Json.JsonElement)call.Arguments!["city"]!).GetString());
        var results = contents.OfType<FunctionResultContent>().ToList();
        Assert.Equal(["c-1", "c-2"], results.Select(r => r.CallId));
        Assert.Equal("sunny", results[0].Result);
        Assert.Equal(21, ((System.Text.Json.JsonElement)results[1].Result!).GetProperty("t").GetInt32());
    }

    [Fact]
    public async Task Odd_but_valid_shapes_are_read_and_malformed_ones_skipped()
    {
        Stream(
            ("metadata", $$"""{"run_id":"{{RunId}}"}"""),
            ("messages", "{}"),
            ("messages", "[]"),
            ("messages", """[{"type":"ai","content":"no metadata"}]"""),
            ("messages", """[{"type":"ai","content":[{"type":"reasoning","text":"via text"},{"type":"reasoning","reasoning":"first","text":"second"}]},"not an object"]"""),
            ("messages", """[{"type":"ai","content":"","usage_metadata":{"output_tokens":4}},{}]"""),
            ("metadata", "{}"),
            ("updates", """{"agent":{"messages":[{"type":"ai","content":"","tool_calls":[{"id":"c-1","name":"no_args"}]}]}}"""),
            ("updates", """{"agent":{"messages":[]},"other":"not an object"}"""),
            ("updates", """{"__interrupt__":[{"id":"i-1","value":"one?"}]}"""),
            ("updates", """{"__interrupt__":[{"id":"i-2","value":"two?"}]}"""));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));

        var updates = await host.Client.AsChatClient("agent").GetStreamingResponseAsync(
            "hi", new ChatOptions { ConversationId = ThreadId.ToString() }, Ct).ToListAsync(Ct);

        var contents = updates.SelectMany(u => u.Contents).ToList();
        Assert.Equal("no metadata", Assert.Single(contents.OfType<TextContent>()).Text);
        Assert.Null(updates[0].AuthorName);
        Assert.Equal(["via text", "first"], contents.OfType<TextReasoningContent>().Select(r => r.Text));
        Assert.Equal(4, Assert.Single(contents.OfType<UsageContent>()).Details.OutputTokenCount);
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Null(call.Arguments);
        var tools = Assert.Single(updates, u => u.Contents.Contains(call));
        Assert.IsType<Models.ThreadRunEvent>(tools.RawRepresentation);
        Assert.Equal(2, contents.OfType<WxO.Client.RunInputRequestContent>().Count());
        Assert.Null(updates[^1].FinishReason);   // two questions asked: still not finished
        Assert.All(updates, u => Assert.Equal(RunId.ToString(), u.ResponseId));
        Assert.Single(updates, u => u.Contents.Count == 0);   // only the final one: nothing else maps to an empty update
        Assert.Null(host.Client.AsChatClient("agent").GetService(typeof(string)));
        Assert.Null(host.Client.AsChatClient("agent").GetService(typeof(ILangGraphRunsClient), "key"));
    }

    [Fact]
    public async Task Empty_ids_are_not_LangGraph_ids()
    {
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var chat = host.Client.AsChatClient("agent");

        await Assert.ThrowsAsync<ArgumentException>(async () => await chat.GetStreamingResponseAsync(
            "hi", new ChatOptions { ConversationId = Guid.Empty.ToString() }, Ct).ToListAsync(Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.CancelRunAsync(ThreadId.ToString(), Guid.Empty.ToString(), Ct));
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task The_turn_s_messages_are_the_graph_s_input_messages()
    {
        Stream(("metadata", $$"""{"run_id":"{{RunId}}"}"""));

        await ChatAsync(new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "hi"));

        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(_server.LogEntries).RequestMessage!.Body!).RootElement;
        JsonAssert.Equivalent("""{"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]}""", body.GetProperty("input").GetRawText());
        JsonAssert.Equivalent("""["messages-tuple","updates","custom"]""", body.GetProperty("stream_mode").GetRawText());
    }

    [Fact]
    public async Task An_interrupt_is_a_question_with_its_id_value_and_subgraph_namespace_and_the_turn_does_not_stop()
    {
        Stream(
            ("metadata", $$"""{"run_id":"{{RunId}}"}"""),
            ("updates|child:1|grandchild:2", """{"__interrupt__":[{"id":"i-1","value":{"question":"Sure?"}},{"id":"i-2","value":"Name?"},{"value":"no id"}]}"""),
            ("updates", """{"__interrupt__":"not a list"}"""));

        var updates = await ChatAsync(new ChatMessage(ChatRole.User, "hi"));

        var questions = updates.SelectMany(u => u.Contents).OfType<WxO.Client.RunInputRequestContent>().ToList();
        Assert.Equal(["i-1", "i-2"], questions.Select(q => q.RequestId));
        Assert.Equal(["Sure?", "Name?"], questions.Select(q => q.Question));
        Assert.All(questions, q => Assert.Equal(["child:1", "grandchild:2"], q.Namespace));
        Assert.Null(updates[^1].FinishReason);
    }

    [Fact]
    public async Task Answers_resume_the_run_by_interrupt_id()
    {
        Stream(("metadata", $$"""{"run_id":"{{RunId}}"}"""));
        var first = new WxO.Client.RunInputRequestContent("i-1", System.Text.Json.JsonDocument.Parse("\"Sure?\"").RootElement);

        await ChatAsync(new ChatMessage(ChatRole.User, [first.CreateResponse("yes"), new WxO.Client.RunInputResponseContent("i-2", new System.Text.Json.Nodes.JsonObject { ["n"] = 2 })]));

        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(_server.LogEntries).RequestMessage!.Body!).RootElement;
        JsonAssert.Equivalent("""{"resume":{"i-1":"yes","i-2":{"n":2}}}""", body.GetProperty("command").GetRawText());
        Assert.False(body.TryGetProperty("input", out _));
    }

    [Fact]
    public async Task Bad_turns_are_refused_before_any_request()
    {
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var chat = host.Client.AsChatClient("agent");

        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([]));
        Assert.Throws<ArgumentNullException>(() => chat.GetStreamingResponseAsync(null!));
        Assert.Throws<ArgumentException>(() => chat.GetStreamingResponseAsync([null!]));
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new UriContent(new Uri("http://x/a.png"), "image/png")])]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await chat.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.User, "hi")], new ChatOptions { ConversationId = "not-a-guid" }).GetAsyncEnumerator(Ct).MoveNextAsync());
        var answer = new WxO.Client.RunInputResponseContent("i-1", "yes");
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "and more"), new ChatMessage(ChatRole.User, [answer])]));
        Assert.Throws<NotSupportedException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new BareAnswer("i-1")])]));
        Assert.Throws<ArgumentException>(() => host.Client.AsChatClient(" "));
        Assert.Throws<ArgumentNullException>(() => ((ILangGraphRunsClient)null!).AsAIAgent("agent"));
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public void The_chat_client_and_the_agent_describe_themselves()
    {
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var chat = host.Client.AsChatClient("agent");
        var agent = host.Client.AsAIAgent("agent", description: "answers");

        var metadata = chat.GetService<ChatClientMetadata>()!;
        Assert.Equal(("langgraph", new Uri(_server.Url!), "agent"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
        Assert.Same(host.Client, chat.GetService<ILangGraphRunsClient>());
        Assert.Same(chat, chat.GetService<IChatClient>());
        Assert.Null(chat.GetService<ChatClientMetadata>("some key"));
        Assert.Equal(("langgraph:agent", "agent", "answers"), (agent.Id, agent.Name, agent.Description));
        Assert.Equal("langgraph", agent.GetService<Microsoft.Agents.AI.AIAgentMetadata>()!.ProviderName);
        Assert.Same(host.Client, agent.GetService<ILangGraphRunsClient>());
        Assert.Equal("named", host.Client.AsAIAgent("agent", name: "named").Name);
    }

    [Fact]
    public async Task A_background_stream_asks_for_a_resumable_run_that_outlives_the_caller_and_tokens_name_each_event()
    {
        Stream(
            ("metadata", $$"""{"run_id":"{{RunId}}"}"""),
            ("messages", Chunk("ai", "\"Hi\"")),
            ("values", "{}"),
            ("messages", Chunk("ai", "\" there\"")));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));

        var updates = await host.Client.AsChatClient("agent").GetStreamingResponseAsync(
            "hi", new ChatOptions { ConversationId = ThreadId.ToString(), AllowBackgroundResponses = true }, Ct).ToListAsync(Ct);

        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(_server.LogEntries).RequestMessage!.Body!).RootElement;
        Assert.True(body.GetProperty("stream_resumable").GetBoolean());
        Assert.Equal("continue", body.GetProperty("on_disconnect").GetString());
        var tokens = updates.Where(u => u.ContinuationToken is not null).Select(u => RunContinuationToken.From(u.ContinuationToken!)).ToList();
        Assert.Equal(["1", "3"], tokens.Select(t => t.LastEventId));
        Assert.All(tokens, t => Assert.Equal(("langgraph", ThreadId.ToString(), RunId.ToString()), (t.Provider, t.ThreadId, t.RunId)));
        Assert.Null(updates[^1].ContinuationToken);
    }

    [Fact]
    public async Task A_plain_stream_is_resumable_for_re_joins_but_carries_no_continuation_tokens()
    {
        Stream(("metadata", $$"""{"run_id":"{{RunId}}"}"""), ("messages", Chunk("ai", "\"Hi\"")));

        var updates = await ChatAsync(new ChatMessage(ChatRole.User, "hi"));

        var body = System.Text.Json.JsonDocument.Parse(Assert.Single(_server.LogEntries).RequestMessage!.Body!).RootElement;
        Assert.True(body.GetProperty("stream_resumable").GetBoolean());   // the runs client's default: a cut stream is re-joined
        Assert.False(body.TryGetProperty("on_disconnect", out _));
        Assert.All(updates, u => Assert.Null(u.ContinuationToken));
    }

    [Fact]
    public async Task A_background_response_is_a_resumable_run_polled_by_its_status_then_joined_from_its_first_event()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, "pending")));
        // The first read finds the run running, every later one finished (a counter: WireMock's scenarios, and so
        // GivenSequence, answer a third read with the first answer again).
        var reads = 0;
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingGet()).RespondWith(Response.Create().WithCallback(_ => new WireMock.ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new WireMock.Util.BodyData
            {
                BodyAsString = LangGraphTestClient.Run(ThreadId, RunId, Interlocked.Increment(ref reads) == 1 ? "running" : "success"),
                DetectedBodyType = WireMock.Types.BodyType.String,
            },
        }));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}/stream").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody(
                $"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\nid: 0\n\nevent: messages\ndata: {Chunk("ai", "\"Done\"")}\nid: 1\n\n"));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var chat = host.Client.AsChatClient("agent");

        var started = await chat.GetResponseAsync("go", new ChatOptions { ConversationId = ThreadId.ToString(), AllowBackgroundResponses = true }, Ct);
        var running = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = started.ContinuationToken }, Ct);
        var done = await chat.GetResponseAsync([], new ChatOptions { ContinuationToken = running.ContinuationToken }, Ct);

        var create = System.Text.Json.JsonDocument.Parse(_server.LogEntries.First().RequestMessage!.Body!).RootElement;
        Assert.True(create.GetProperty("stream_resumable").GetBoolean());
        Assert.False(create.TryGetProperty("on_disconnect", out _));   // a background run has no connection to lose
        Assert.Equal((RunId.ToString(), ThreadId.ToString()), (started.ResponseId, started.ConversationId));
        Assert.NotNull(running.ContinuationToken);
        Assert.Equal("Done", done.Text);
        var join = Assert.Single(_server.LogEntries, e => e.RequestMessage!.Path.EndsWith("/stream", StringComparison.Ordinal));
        Assert.Equal("-1", join.Header("Last-Event-ID"));
        // The join's clean close is checked against the run: it is over, so nothing is joined again.
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task A_resume_joins_after_the_token_s_event_and_a_cancel_names_the_run()
    {
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}/stream").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/event-stream").WithBody($"event: messages\ndata: {Chunk("ai", "\"rest\"")}\nid: 4\n\n"));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}/cancel").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var chat = host.Client.AsChatClient("agent");
        var token = new RunContinuationToken("langgraph", ThreadId.ToString(), RunId.ToString(), "3");

        var rest = await chat.GetStreamingResponseAsync([], new ChatOptions { ContinuationToken = token }, Ct).ToListAsync(Ct);
        await chat.CancelRunAsync(ThreadId.ToString(), RunId.ToString(), Ct);

        Assert.Equal("rest", string.Concat(rest.Select(u => u.Text)));
        Assert.Equal("4", RunContinuationToken.From(rest[0].ContinuationToken!).LastEventId);
        Assert.Equal((RunId.ToString(), ThreadId.ToString()), (rest[0].ResponseId, rest[0].ConversationId));
        Assert.Equal("3", Assert.Single(_server.LogEntries.First().RequestMessage!.Headers!["Last-Event-ID"]));
        Assert.EndsWith("/cancel", _server.LogEntries.Last().RequestMessage!.Path, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => chat.CancelRunAsync("not-a-guid", RunId.ToString(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => chat.CancelRunAsync(ThreadId.ToString(), "not-a-guid", Ct));
    }

    private sealed class BareAnswer(string requestId) : InputResponseContent(requestId);
}

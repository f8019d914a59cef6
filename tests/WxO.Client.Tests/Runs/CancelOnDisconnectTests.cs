using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>
/// Orchestrate has no on-disconnect setting, so a caller who leaves a stream leaves its run going, unless the request
/// asks for <see cref="CreateRunRequest.CancelOnDisconnect"/>: then the client cancels the run by id once it knows it,
/// even when the caller left while the request itself was still in flight.
/// </summary>
public sealed class CancelOnDisconnectTests
{
    private const string RunStarted = "event: run.started\ndata: {\"run_id\":\"r-1\",\"thread_id\":\"t-1\"}\n\n";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static CreateRunRequest Hello(bool cancel) => new() { Message = RunMessage.FromUser("Hello"), AgentId = "a", CancelOnDisconnect = cancel };

    /// <summary>A server whose stream waits for <paramref name="answer"/> before its headers, then sends run.started and goes on.</summary>
    private static ScriptedHttpServer Server(Task? answer = null, Task? firstEvent = null, bool ends = false) => new(async (request, connection) =>
    {
        if (request.Target.StartsWith("/v1/orchestrate/runs/cancel/", StringComparison.Ordinal))
        {
            await connection.RespondAsync(200, """{"run_id":"r-1","thread_id":"t-1"}""");
            return;
        }

        await (answer ?? Task.CompletedTask).WaitAsync(connection.Stopping);
        await connection.StartChunkedAsync();
        await (firstEvent ?? Task.CompletedTask).WaitAsync(connection.Stopping);
        await connection.ChunkAsync(RunStarted + "event: message.delta\ndata: {}\n\n");
        if (ends)
        {
            await connection.ChunkAsync("event: done\ndata: {}\n\n");
            await connection.EndChunkedAsync();
            return;
        }

        await connection.ChunkUntilRefusedAsync(_ => "event: message.delta\ndata: {}\n\n", count: 500);
    });

    private static async Task<ScriptedRequest> CancelRequestAsync(ScriptedHttpServer server)
    {
        for (var i = 0; i < 400; i++)
        {
            if (server.Requests.FirstOrDefault(r => r.Target.StartsWith("/v1/orchestrate/runs/cancel/", StringComparison.Ordinal)) is { } cancel)
            {
                return cancel;
            }

            await Task.Delay(25, Ct);
        }

        throw new TimeoutException("The run was never cancelled.");
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_cancels_the_run_when_asked_and_the_flag_is_never_sent()
    {
        using var server = Server();
        using var wxo = new WxOTestClient(server.Url);

        await foreach (var e in wxo.Client.StreamRunAsync(Hello(cancel: true), Ct))
        {
            break;
        }

        var cancel = await CancelRequestAsync(server);
        Assert.Equal(("POST", "/v1/orchestrate/runs/cancel/r-1"), (cancel.Method, cancel.Target));
        Assert.DoesNotContain("cancel", server.Requests[0].Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_caller_who_cancels_during_the_request_gets_control_back_at_once_and_the_run_is_cancelled_once_its_answer_names_it()
    {
        var answer = new TaskCompletionSource();
        using var server = Server(answer.Task);
        using var wxo = new WxOTestClient(server.Url);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var stream = wxo.Client.StreamRunAsync(Hello(cancel: true), caller.Token).ToListAsync(caller.Token).AsTask();
        while (server.Requests.Count == 0)
        {
            await Task.Delay(10, Ct);   // the POST reached the server, which has not answered yet
        }

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream);
        Assert.Single(server.Requests);

        answer.SetResult();   // the server answers now: its first event names the run
        Assert.EndsWith("/runs/cancel/r-1", (await CancelRequestAsync(server)).Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_who_cancels_after_the_headers_but_before_the_first_event_has_the_run_cancelled_too()
    {
        var firstEvent = new TaskCompletionSource();
        using var server = Server(firstEvent: firstEvent.Task);
        using var wxo = new WxOTestClient(server.Url);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = wxo.Client.StreamRunAsync(Hello(cancel: true), caller.Token).GetAsyncEnumerator(caller.Token);

        var first = events.MoveNextAsync().AsTask();
        await Task.Delay(200, Ct);
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        await events.DisposeAsync();

        firstEvent.SetResult();
        Assert.EndsWith("/runs/cancel/r-1", (await CancelRequestAsync(server)).Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_flag_or_after_the_end_no_run_is_cancelled()
    {
        using var going = Server();
        using var ended = Server(ends: true);
        using var wxo = new WxOTestClient(going.Url);
        using var complete = new WxOTestClient(ended.Url);

        await foreach (var e in wxo.Client.StreamRunAsync(Hello(cancel: false), Ct))
        {
            break;
        }

        Assert.Equal(3, (await complete.Client.StreamRunAsync(Hello(cancel: true), Ct).ToListAsync(Ct)).Count);
        await Task.Delay(300, Ct);   // what a cancel would have needed to arrive (it comes within a few ms when asked for)

        Assert.Single(going.Requests);
        Assert.Single(ended.Requests);
    }

    [Fact]
    public async Task A_background_run_cannot_ask_for_it()
    {
        using var server = Server();
        using var wxo = new WxOTestClient(server.Url);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wxo.Client.CreateRunAsync(Hello(cancel: true), Ct));

        Assert.Contains("StreamRunAsync only", ex.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}

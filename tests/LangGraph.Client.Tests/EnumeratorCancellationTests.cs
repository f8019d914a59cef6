using LangGraph.Client.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Every IAsyncEnumerable of the client stops when its token fires, whether the token is the method's argument or given to
/// the enumerator (<c>.WithCancellation(ct)</c>).
/// </summary>
public sealed class EnumeratorCancellationTests : IDisposable
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    public static TheoryData<string, bool> Streams() => new()
    {
        { "stream", true }, { "stream", false }, { "join", true }, { "join", false },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task A_stream_stops_at_the_first_event_after_the_cancel_and_closes_its_connection(string kind, bool onEnumerator)
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(extraHeaders: $"Content-Location: /threads/{ThreadId}/runs/{RunId}\r\n");
            await connection.ChunkAsync($"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\nid: 1\n\n");
            // Nothing more until the client leaves: a client that ignored the token would wait here for 20 s.
            closed.TrySetResult(await connection.ClientClosedAsync(TimeSpan.FromSeconds(20)));
        });
        using var host = LangGraphTestClient.Create(server.Url);
        using var cts = new CancellationTokenSource();
        var token = onEnumerator ? CancellationToken.None : cts.Token;
        var events = kind == "stream"
            ? host.Client.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent" }, token)
            : host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: token);
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in events.WithCancellation(onEnumerator ? cts.Token : CancellationToken.None))
            {
                seen.Add(e.Event.Value);
                await cts.CancelAsync();
            }
        }).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(["metadata"], seen);
        Assert.True(await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_enumeration_stops_at_the_next_run_after_the_cancel(bool onEnumerator)
    {
        var runs = string.Join(",", Enumerable.Range(0, 3).Select(_ => LangGraphTestClient.Run(ThreadId, Guid.NewGuid())));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs").UsingGet()).RespondWith(Response.Create().WithBody($"[{runs}]"));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        using var cts = new CancellationTokenSource();
        var enumeration = onEnumerator
            ? host.Client.EnumerateThreadRunsAsync(ThreadId, pageSize: 3).WithCancellation(cts.Token)
            : host.Client.EnumerateThreadRunsAsync(ThreadId, pageSize: 3, cancellationToken: cts.Token).WithCancellation(CancellationToken.None);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in enumeration)
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.Equal(1, seen);
    }
}

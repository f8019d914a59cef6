using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>
/// Every IAsyncEnumerable of the client stops when its token fires, whether the token is the method's argument or given to
/// the enumerator (<c>.WithCancellation(ct)</c>, which is what <c>await foreach</c> over a passed-around sequence uses).
/// </summary>
public sealed class EnumeratorCancellationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    public static TheoryData<bool> TokenPlaces() => new() { true, false };

    [Theory]
    [MemberData(nameof(TokenPlaces))]
    public async Task A_stream_stops_at_the_first_event_after_the_cancel_and_closes_its_connection(bool onEnumerator)
    {
        var closed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync();
            await connection.ChunkAsync("event: run.started\ndata: {}\n\n");
            // Nothing more until the client leaves: a client that ignored the token would wait here for 20 s.
            closed.TrySetResult(await connection.ClientClosedAsync(TimeSpan.FromSeconds(20)));
        });
        using var wxo = new WxOTestClient(server.Url);
        using var cts = new CancellationTokenSource();
        var request = new CreateRunRequest { Message = RunMessage.FromUser("Hello") };
        var events = onEnumerator
            ? wxo.Client.StreamRunAsync(request).WithCancellation(cts.Token)
            : wxo.Client.StreamRunAsync(request, cts.Token).WithCancellation(CancellationToken.None);
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in events)
            {
                seen.Add(e.Event.Value);
                await cts.CancelAsync();
            }
        }).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);

        Assert.Equal(["run.started"], seen);
        Assert.True(await closed.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(TokenPlaces))]
    public async Task An_enumeration_stops_at_the_next_run_after_the_cancel(bool onEnumerator)
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingGet())
            .RespondWith(Response.Create().WithBody(Payloads.Page(["r1", "r2", "r3"], total: 3, limit: 3, offset: 0)));
        using var wxo = new WxOTestClient(_server);
        using var cts = new CancellationTokenSource();
        var runs = onEnumerator
            ? wxo.Client.EnumerateRunsAsync(pageSize: 3).WithCancellation(cts.Token)
            : wxo.Client.EnumerateRunsAsync(pageSize: 3, cts.Token).WithCancellation(CancellationToken.None);
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var run in runs)
            {
                seen.Add(run.Id);
                await cts.CancelAsync();
            }
        });

        Assert.Equal(["r1"], seen);
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

public sealed class EnumerateRunsTests : IDisposable
{
    private const string ListPath = "/v1/orchestrate/runs";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static IEnumerable<string> Ids(int from, int count) => Enumerable.Range(from, count).Select(i => $"run-{i:D4}");

    /// <summary>
    /// A server holding <paramref name="total"/> runs that honours limit and offset, answering at most
    /// <paramref name="cap"/> runs per page when given (and saying so in its "limit").
    /// </summary>
    private void ServePaged(int total, int pageSize, int? cap = null)
    {
        var served = cap ?? pageSize;
        for (var offset = 0; offset < total; offset += served)
        {
            var count = Math.Min(served, total - offset);
            _server.Given(Request.Create().WithPath(ListPath).WithParam("limit", pageSize.ToString()).WithParam("offset", offset.ToString()))
                .RespondWith(Response.Create().WithBody(Payloads.Page(Ids(offset, count), total, served, offset)));
        }
    }

    [Fact]
    public async Task Three_pages_yield_every_run_once_in_three_requests()
    {
        ServePaged(total: 250, pageSize: 100);
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 100).ToListAsync();

        Assert.Equal(250, runs.Select(r => r.Id).Distinct().Count());
        Assert.Equal(Ids(0, 250), runs.Select(r => r.Id));
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Exact_multiple_of_page_size_stops_on_total_without_an_extra_request()
    {
        ServePaged(total: 200, pageSize: 100);
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 100).ToListAsync();

        Assert.Equal(200, runs.Count);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Server_ignoring_offset_stops_without_duplicates()
    {
        // Always the first page, whatever the offset; total claims more.
        _server.Given(Request.Create().WithPath(ListPath))
            .RespondWith(Response.Create().WithBody(Payloads.Page(Ids(0, 100), 1000, 100, 0)));
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 100).ToListAsync();

        Assert.Equal(Ids(0, 100), runs.Select(r => r.Id));
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Server_without_total_ends_on_a_short_page()
    {
        _server.Given(Request.Create().WithPath(ListPath).WithParam("offset", "0"))
            .RespondWith(Response.Create().WithBody($$"""{"data":[{{string.Join(",", Ids(0, 10).Select(id => Payloads.Run(id)))}}]}"""));
        _server.Given(Request.Create().WithPath(ListPath).WithParam("offset", "10"))
            .RespondWith(Response.Create().WithBody($$"""{"data":[{{string.Join(",", Ids(10, 3).Select(id => Payloads.Run(id)))}}]}"""));
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 10).ToListAsync();

        Assert.Equal(13, runs.Count);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Server_capping_the_page_size_is_followed_to_the_end()
    {
        // Asked for 100, the server gives 50 a page and says so in "limit".
        ServePaged(total: 120, pageSize: 100, cap: 50);
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 100).ToListAsync();

        Assert.Equal(Ids(0, 120), runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Pages_are_requested_lazily_at_most_one_ahead()
    {
        ServePaged(total: 250, pageSize: 100);
        using var wxo = new WxOTestClient(_server);

        await foreach (var _ in wxo.Client.EnumerateRunsAsync(pageSize: 100))
        {
            break;
        }

        await Task.Delay(200);   // let a prefetch that was not cancelled in time reach the server
        var offsets = _server.LogEntries.Select(e => e.RawQuery()).ToList();
        Assert.Contains("?limit=100&offset=0", offsets);
        Assert.DoesNotContain("?limit=100&offset=200", offsets);
        Assert.InRange(offsets.Count, 1, 2);
    }

    [Fact]
    public async Task The_next_page_is_requested_while_the_consumer_works_on_the_current_one()
    {
        ServePaged(total: 250, pageSize: 100);
        using var wxo = new WxOTestClient(_server);
        var secondPageArrivedDuringFirst = false;

        var count = 0;
        await foreach (var run in wxo.Client.EnumerateRunsAsync(pageSize: 100))
        {
            if (++count == 100)
            {
                // Still holding the last run of page 1: page 2 must already be on its way.
                for (var i = 0; i < 100 && !secondPageArrivedDuringFirst; i++)
                {
                    secondPageArrivedDuringFirst = _server.LogEntries.Any(e => e.RawQuery() == "?limit=100&offset=100");
                    await Task.Delay(20);
                }
            }
        }

        Assert.True(secondPageArrivedDuringFirst);
        Assert.Equal(250, count);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task A_page_size_of_one_asks_for_one_run_at_a_time()
    {
        ServePaged(total: 3, pageSize: 1);
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 1).ToListAsync();

        Assert.Equal(Ids(0, 3), runs.Select(r => r.Id));
        Assert.Equal(["?limit=1&offset=0", "?limit=1&offset=1", "?limit=1&offset=2"], _server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => e.RawQuery()));
    }

    [Fact]
    public async Task A_server_answering_limit_0_is_taken_to_use_the_page_size_asked_for()
    {
        for (var offset = 0; offset < 25; offset += 10)
        {
            _server.Given(Request.Create().WithPath(ListPath).WithParam("offset", offset.ToString()))
                .RespondWith(Response.Create().WithBody(Payloads.Page(Ids(offset, Math.Min(10, 25 - offset)), 25, 0, offset)));
        }

        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 10).ToListAsync();

        Assert.Equal(Ids(0, 25), runs.Select(r => r.Id));
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task With_limit_0_and_no_total_a_short_page_still_ends_the_iteration()
    {
        _server.Given(Request.Create().WithPath(ListPath).WithParam("offset", "0"))
            .RespondWith(Response.Create().WithBody($$"""{"data":[{{string.Join(",", Ids(0, 10).Select(id => Payloads.Run(id)))}}],"limit":0}"""));
        _server.Given(Request.Create().WithPath(ListPath).WithParam("offset", "10"))
            .RespondWith(Response.Create().WithBody($$"""{"data":[{{string.Join(",", Ids(10, 4).Select(id => Payloads.Run(id)))}}],"limit":0}"""));
        using var wxo = new WxOTestClient(_server);

        var runs = await wxo.Client.EnumerateRunsAsync(pageSize: 10).ToListAsync();

        Assert.Equal(Ids(0, 14), runs.Select(r => r.Id));
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task Stopping_early_cancels_the_prefetched_page_request()
    {
        var closed = new TaskCompletionSource<bool>();
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            if (request.Target.EndsWith("offset=0", StringComparison.Ordinal))
            {
                await connection.RespondAsync(200, Payloads.Page(Ids(0, 2), 10, 2, 0));
                return;
            }

            // The prefetch of the second page: never answered; the client must hang up on it.
            closed.TrySetResult(await connection.ClientClosedAsync(TimeSpan.FromSeconds(10)));
        });
        using var wxo = new WxOTestClient(server.Url);

        await foreach (var run in wxo.Client.EnumerateRunsAsync(pageSize: 2))
        {
            // Wait until the prefetch is at the server, then stop.
            for (var i = 0; i < 100 && server.Requests.Count < 2; i++)
            {
                await Task.Delay(20);
            }

            break;
        }

        Assert.Equal(2, server.Requests.Count);
        Assert.True(await closed.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }
}

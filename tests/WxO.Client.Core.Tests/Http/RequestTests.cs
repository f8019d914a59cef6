using WxO.Client.Tests;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

public sealed class RequestTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public RequestTests()
        => _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Payloads.Run("r1")));

    public void Dispose() => _server.Stop();

    private WireMock.Logging.ILogEntry OnlyRequest() => Assert.Single(_server.LogEntries);

    [Fact]
    public async Task Bearer_token_is_sent_exactly()
    {
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.GetRunAsync("r1");

        var authorization = OnlyRequest().Header("Authorization");
        Assert.Equal("Bearer " + WxOTestClient.Token, authorization);
    }

    [Fact]
    public async Task Custom_token_provider_is_asked_per_request()
    {
        var provider = new CountingTokenProvider();
        using var wxo = new WxOTestClient(_server, o => { o.BearerToken = null; o.TokenProvider = provider; });

        await wxo.Client.GetRunAsync("r1");
        await wxo.Client.GetRunAsync("r1");

        Assert.Equal(["Bearer token-1", "Bearer token-2"], _server.LogEntries.Select(e => e.Header("Authorization")));
    }

    [Fact]
    public async Task A_provider_that_does_not_implement_Invalidate_gets_no_retry_after_a_401()
    {
        _server.ResetMappings();
        _server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(401));
        var provider = new CountingTokenProvider();
        using var wxo = new WxOTestClient(_server, o => { o.BearerToken = null; o.TokenProvider = provider; });

        await Assert.ThrowsAsync<RunAuthenticationException>(() => wxo.Client.GetRunAsync("r1"));

        // The default Invalidate says the token would not change, so asking again would only repeat the 401.
        Assert.Equal(["Bearer token-1"], _server.LogEntries.Select(e => e.Header("Authorization")));
    }

    [Fact]
    public async Task Token_with_line_break_from_provider_sends_nothing()
    {
        using var wxo = new WxOTestClient(_server, o => { o.BearerToken = null; o.TokenProvider = new FixedTokenProvider("abc\r\nX-Evil: 1"); });

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(
            "The access token provider returned a token that contains a line break (CR or LF) at position 4 of 14; "
            + "only visible ASCII characters are allowed; no request was sent.",
            ex.Message);
        Assert.Empty(_server.LogEntries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_token_from_the_provider_sends_nothing(string? token)
    {
        using var wxo = new WxOTestClient(_server, o => { o.BearerToken = null; o.TokenProvider = new FixedTokenProvider(token!); });

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal("The access token provider returned a token that is empty; no request was sent.", ex.Message);
        Assert.Empty(_server.LogEntries);
    }

    [Theory]
    [InlineData("a/b?x", "/v1/orchestrate/runs/a%2Fb%3Fx")]
    [InlineData("../admin", "/v1/orchestrate/runs/..%2Fadmin")]
    [InlineData("%2e%2e", "/v1/orchestrate/runs/%252e%252e")]
    [InlineData("run id#1", "/v1/orchestrate/runs/run%20id%231")]
    public async Task Run_id_travels_as_one_escaped_segment(string runId, string rawPath)
    {
        using var raw = new RawHttpServer(Payloads.Run(runId));
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = raw.Url; o.BearerToken = "t"; });
        using var provider = services.BuildServiceProvider();

        Assert.Equal(runId, (await provider.GetRequiredService<IWxORunsClient>().GetRunAsync(runId)).Id);

        Assert.Equal($"GET {rawPath} HTTP/1.1", Assert.Single(raw.RequestLines));
    }

    [Theory]
    [InlineData("/instances/abc")]
    [InlineData("/instances/abc/")]
    [InlineData("/api")]
    public async Task Base_address_path_is_kept(string basePath)
    {
        using var wxo = new WxOTestClient(_server, basePath: basePath);

        await wxo.Client.GetRunAsync("r1");

        Assert.Equal(basePath.TrimEnd('/') + "/v1/orchestrate/runs/r1", OnlyRequest().RequestMessage!.Path);
    }

    [Fact]
    public async Task List_sends_limit_and_offset_and_omits_nulls()
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs")).RespondWith(Response.Create().WithBody(Payloads.Page(["a"], 1, 10, 5)));
        using var wxo = new WxOTestClient(_server);

        var page = await wxo.Client.ListRunsAsync(limit: 10, offset: 5);
        await wxo.Client.ListRunsAsync();

        Assert.Equal("a", Assert.Single(page.Data).Id);
        var queries = _server.LogEntries.Select(e => e.RawQuery()).ToList();
        Assert.Equal(["?limit=10&offset=5", ""], queries);
    }

    [Fact]
    public async Task User_agent_names_the_client()
    {
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.GetRunAsync("r1");

        Assert.StartsWith("WxO.Client/", OnlyRequest().Header("User-Agent"));
    }

    [Fact]
    public async Task Invalid_input_makes_no_request()
    {
        using var wxo = new WxOTestClient(_server);
        var c = wxo.Client;

        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunAsync("   "));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => c.GetRunAsync(".."));
        await Assert.ThrowsAsync<ArgumentNullException>(() => c.GetRunSnapshotAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => c.ListRunsAsync(limit: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => c.ListRunsAsync(offset: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => c.EnumerateRunsAsync(pageSize: 0));

        Assert.Empty(_server.LogEntries);
    }

    private sealed class CountingTokenProvider : WxO.Client.Authentication.IAccessTokenProvider
    {
        private int _count;

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
            => ValueTask.FromResult($"token-{Interlocked.Increment(ref _count)}");
    }
}

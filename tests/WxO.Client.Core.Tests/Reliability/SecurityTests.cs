using WxO.Client.Tests;
using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

public sealed class SecurityTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly WireMockServer _elsewhere = WireMockServer.Start();

    public SecurityTests()
    {
        _elsewhere.Given(Request.Create()).RespondWith(Response.Create().WithBody(Payloads.Run("r1")));
        // 127.0.0.1 and localhost are different hosts to HttpClient, as a real cross-host redirect would be.
        var target = _elsewhere.Url!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        _server.Given(Request.Create()).RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", target + "/v1/orchestrate/runs/r1"));
    }

    public void Dispose()
    {
        _server.Stop();
        _elsewhere.Stop();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_bearer_token_never_reaches_another_host()
    {
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(System.Net.HttpStatusCode.Found, ex.StatusCode);
        Assert.Empty(_elsewhere.LogEntries);
        Assert.Equal("Bearer " + WxOTestClient.Token, Assert.Single(_server.LogEntries).Header("Authorization"));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_api_key_never_reaches_another_host()
    {
        var services = new ServiceCollection();
        services.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri(_server.Url!);
            o.ApiKey = "lsv2_secret";
            o.ReadApiKeyFromEnvironment = false;
        });
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<RunApiException>(
            () => provider.GetRequiredService<ILangGraphRunsClient>().GetThreadRunAsync(Guid.NewGuid(), Guid.NewGuid()));

        Assert.Equal(System.Net.HttpStatusCode.Found, ex.StatusCode);
        Assert.DoesNotContain("lsv2_secret", ex.ToString());
        Assert.Empty(_elsewhere.LogEntries);
    }

    [Fact]
    public void No_credential_appears_in_any_options_ToString()
    {
        var wxo = new WxOClientOptions { BearerToken = "bearer-secret", ApiKey = "apikey-secret" };
        var langGraph = new LangGraphClientOptions { ApiKey = "lsv2-secret", BearerToken = "lg-bearer-secret" };

        var text = wxo + " " + langGraph;

        Assert.DoesNotContain("secret", text);
        Assert.Contains("***", text);
    }
}

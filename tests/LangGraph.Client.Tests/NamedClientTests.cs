using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Several LangGraph servers in one container, each with its own options, API key and HttpClient.</summary>
public sealed class NamedClientTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private readonly WireMockServer _eu = WireMockServer.Start();
    private readonly WireMockServer _us = WireMockServer.Start();

    public NamedClientTests()
    {
        foreach (var server in new[] { _eu, _us })
        {
            server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/{RunId}").UsingGet())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, "running")));
        }
    }

    public void Dispose()
    {
        _eu.Stop();
        _us.Stop();
    }

    [Fact]
    public async Task Two_servers_each_get_their_own_requests_and_keys()
    {
        var services = new ServiceCollection();
        services.AddLangGraphClient("eu", o => { o.BaseAddress = new Uri(_eu.Url!); o.ApiKey = "key-eu"; o.ReadApiKeyFromEnvironment = false; })
            .AddLangGraphClient("us", o => { o.BaseAddress = new Uri(_us.Url!); o.ApiKey = "key-us"; o.ReadApiKeyFromEnvironment = false; });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<ILangGraphRunsClient>("eu").GetThreadRunAsync(ThreadId, RunId, Ct);
        var snapshot = await provider.GetRequiredKeyedService<IRunSource>("us").GetRunSnapshotAsync(new RunReference(RunId, ThreadId), Ct);

        Assert.Equal(["key-eu"], _eu.LogEntries.Select(e => e.RequestMessage!.Headers!["x-api-key"].Single()));
        Assert.Equal(["key-us"], _us.LogEntries.Select(e => e.RequestMessage!.Headers!["x-api-key"].Single()));
        Assert.Equal(("us", RunState.Running), (snapshot.Source, snapshot.State));
        Assert.Empty(provider.GetServices<IRunSource>());
    }
}

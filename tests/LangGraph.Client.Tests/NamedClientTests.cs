using Microsoft.Extensions.Configuration;
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

    [Fact]
    public async Task A_named_client_reads_its_own_configuration_section_and_its_HttpClient_is_named_after_it()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LangGraph:eu:BaseAddress"] = _eu.Url,
            ["LangGraph:eu:ApiKey"] = "key-from-configuration",
            ["LangGraph:eu:ReadApiKeyFromEnvironment"] = "false",
        }).Build();
        var services = new ServiceCollection();
        var builder = services.AddLangGraphClient("eu", configuration.GetSection("LangGraph:eu"));
        var unnamed = services.AddLangGraphClient(o => o.BaseAddress = new Uri(_us.Url!));
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<ILangGraphRunsClient>("eu").GetThreadRunAsync(ThreadId, RunId, Ct);

        Assert.Equal(["key-from-configuration"], _eu.LogEntries.Select(e => e.RequestMessage!.Headers!["x-api-key"].Single()));
        Assert.Equal(("LangGraph.Client:eu", "LangGraph.Client"), (builder.HttpClientBuilder.Name, unnamed.HttpClientBuilder.Name));
    }

    [Fact]
    public void Every_registration_names_its_missing_argument()
    {
        var services = new ServiceCollection();
        var section = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build().GetSection("LangGraph");
        Action<LangGraphClientOptions> configure = _ => { };
        IRunClientBuilder builder = null!;

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLangGraphClient(configure)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient((Action<LangGraphClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLangGraphClient(section)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient((Microsoft.Extensions.Configuration.IConfiguration)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLangGraphClient("eu", configure)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient(null!, configure)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient("eu", (Action<LangGraphClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLangGraphClient("eu", section)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => services.AddLangGraphClient(" ", section)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient("eu", (Microsoft.Extensions.Configuration.IConfiguration)null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.AddLangGraphClient("eu", configure)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.AddLangGraphClient(configure)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => builder.AddLangGraphClient(section)).ParamName);
        Assert.Empty(services);
    }
}

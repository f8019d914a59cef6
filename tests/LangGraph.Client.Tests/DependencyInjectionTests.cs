using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

public sealed class DependencyInjectionTests
{
    private static IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services);
        return builder.Build();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_configured_api_key_replaces_one_the_app_set_and_goes_with_the_bearer_token(bool tokenProvider)
    {
        using var server = WireMock.Server.WireMockServer.Start();
        server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404));
        using var host = BuildHost(s => s
            .AddLangGraphClient(o =>
            {
                o.BaseAddress = new Uri(server.Url!);
                o.ApiKey = "lsv2_configured_key";
                if (tokenProvider)
                {
                    o.TokenProvider = new FixedTokenProvider("user-token");
                }
                else
                {
                    o.BearerToken = "user-token";
                }
            })
            .HttpClientBuilder.ConfigureHttpClient(c => c.DefaultRequestHeaders.Add("x-api-key", "stale-key")));

        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Services.GetRequiredService<ILangGraphRunsClient>().GetThreadRunAsync(Guid.NewGuid(), Guid.NewGuid()));

        var sent = Assert.Single(server.LogEntries).RequestMessage!;
        Assert.Equal(["lsv2_configured_key"], sent.Headers!["x-api-key"]);
        Assert.Equal(["Bearer user-token"], sent.Headers!["Authorization"]);
    }

    [Fact]
    public async Task A_token_provider_without_an_api_key_sends_no_api_key_header()
    {
        using var server = WireMock.Server.WireMockServer.Start();
        server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404));
        using var host = BuildHost(s => s.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri(server.Url!);
            o.ReadApiKeyFromEnvironment = false;
            o.TokenProvider = new FixedTokenProvider("user-token");
        }));

        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Services.GetRequiredService<ILangGraphRunsClient>().GetThreadRunAsync(Guid.NewGuid(), Guid.NewGuid()));

        var sent = Assert.Single(server.LogEntries).RequestMessage!;
        Assert.False(sent.Headers!.ContainsKey("x-api-key"));
        Assert.Equal(["Bearer user-token"], sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task LangGraph_alone_needs_no_WxO_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LangGraph:BaseAddress"] = "https://my-deployment.us.langgraph.app",
            ["LangGraph:ApiKey"] = "lsv2_from_config",
            ["LangGraph:ReadApiKeyFromEnvironment"] = "false",
            ["LangGraph:Resilience:MaxRetryAttempts"] = "1",
        }).Build();
        using var host = BuildHost(s => s.AddLangGraphClient(configuration.GetSection("LangGraph")));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var source = Assert.Single(host.Services.GetServices<IRunSource>());
        var options = host.Services.GetRequiredService<IOptions<LangGraphClientOptions>>().Value;

        Assert.Equal("langgraph", source.Name);
        Assert.Equal("lsv2_from_config", options.ApiKey);
        Assert.False(options.ReadApiKeyFromEnvironment);
        Assert.Equal(1, options.Resilience.MaxRetryAttempts);
        Assert.DoesNotContain("lsv2_from_config", options.ToString());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Registering_twice_keeps_one_source()
    {
        var services = new ServiceCollection();
        services.AddLangGraphClient(o => o.BaseAddress = new Uri("http://localhost:2024"));
        services.AddLangGraphClient(o => o.ReadApiKeyFromEnvironment = false);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IRunSource>());
    }

    [Theory]
    [InlineData(null, "LangGraph:BaseAddress is required")]
    [InlineData("http://langgraph.example.com", "plain http to a host that is not loopback")]
    public async Task Misconfiguration_fails_at_startup(string? baseAddress, string expected)
    {
        using var host = BuildHost(s => s.AddLangGraphClient(o =>
        {
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
            o.ApiKey = "lsv2_secret";
        }));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("lsv2_secret", ex.Message);
    }

    [Fact]
    public void Factory_without_DI()
    {
        var client = LangGraphRunsClient.Create(o => { o.BaseAddress = new Uri("http://127.0.0.1:2024"); o.ReadApiKeyFromEnvironment = false; });

        Assert.Equal("langgraph", client.Name);
        Assert.Throws<OptionsValidationException>(() => LangGraphRunsClient.Create(o => o.ApiKey = "k"));
    }

    [Fact]
    public void An_agent_added_after_a_chained_client_is_that_client_s()
    {
        using var host = BuildHost(s => s
            .AddLangGraphClient(o => (o.BaseAddress, o.ApiKey) = (new Uri("https://langgraph.test"), "k"))
            .AddAgent("chat", "chat")
            .AddLangGraphClient("eu", o => (o.BaseAddress, o.ApiKey) = (new Uri("https://eu.langgraph.test"), "k"))
            .AddAgent("eu-chat", "chat"));

        var chat = host.Services.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>("chat");
        var eu = host.Services.GetRequiredKeyedService<Microsoft.Agents.AI.AIAgent>("eu-chat");

        var metadata = (Microsoft.Extensions.AI.ChatClientMetadata)chat.GetService(typeof(Microsoft.Extensions.AI.ChatClientMetadata))!;
        Assert.Equal(("langgraph", new Uri("https://langgraph.test"), "chat"), (metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId));
        Assert.Equal("langgraph:chat", eu.Id);
        Assert.IsAssignableFrom<ILangGraphRunsClient>(eu.GetService(typeof(ILangGraphRunsClient)));
        var euChat = host.Services.GetRequiredKeyedService<RunChatClient>("eu-chat");
        Assert.Equal(new Uri("https://eu.langgraph.test"), ((Microsoft.Extensions.AI.ChatClientMetadata)euChat.GetService(typeof(Microsoft.Extensions.AI.ChatClientMetadata))!).ProviderUri);
    }
}

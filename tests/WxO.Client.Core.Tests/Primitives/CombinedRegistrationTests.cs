using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace WxO.Client.Core.Tests.Primitives;

/// <summary>Both vendor packages registered in one container through the core's seam.</summary>
public sealed class CombinedRegistrationTests
{
    private static IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task Both_sources_resolve_from_the_enumerable_and_by_key()
    {
        using var host = BuildHost(s => s
            .AddWxOClient(o => { o.BaseAddress = new Uri("https://api.dl.watson-orchestrate.ibm.com/instances/x"); o.BearerToken = "t"; })
            .AddLangGraphClient(o => o.BaseAddress = new Uri("http://127.0.0.1:2024")));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var names = host.Services.GetServices<IRunSource>().Select(s => s.Name).Order().ToArray();

        Assert.Equal(["langgraph", "wxo"], names);
        Assert.IsType<LangGraphRunsClient>(host.Services.GetRequiredKeyedService<IRunSource>("langgraph"));
        Assert.IsType<WxORunsClient>(host.Services.GetRequiredKeyedService<IRunSource>("wxo"));
        Assert.NotNull(host.Services.GetRequiredService<ILangGraphRunsClient>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_builder_in_the_chain_belongs_to_the_client_it_was_returned_for()
    {
        var wxoHandler = new CountingHandler();
        var langGraphHandler = new CountingHandler();
        using var server = WireMock.Server.WireMockServer.Start();
        server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404));
        IRunClientBuilder? wxo = null;
        IRunClientBuilder? langGraph = null;
        using var host = BuildHost(s =>
        {
            wxo = s.AddWxOClient(o => { o.BaseAddress = new Uri(server.Url!); o.BearerToken = "t"; });
            langGraph = wxo.AddLangGraphClient(o => { o.BaseAddress = new Uri(server.Url!); o.ReadApiKeyFromEnvironment = false; });
            wxo.HttpClientBuilder.AddHttpMessageHandler(() => wxoHandler);
            langGraph.HttpClientBuilder.AddHttpMessageHandler(() => langGraphHandler);
        });

        Assert.Equal("wxo", wxo!.SourceName);
        Assert.Equal("langgraph", langGraph!.SourceName);
        // Each HttpClient is named after its package, so apps can also configure it by name.
        Assert.Equal(("WxO.Client", "LangGraph.Client"), (wxo.HttpClientBuilder.Name, langGraph.HttpClientBuilder.Name));
        Assert.Same(wxo.Services, langGraph.Services);
        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Services.GetRequiredService<ILangGraphRunsClient>().GetThreadRunAsync(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Equal((0, 1), (wxoHandler.Calls, langGraphHandler.Calls));
        await Assert.ThrowsAsync<RunNotFoundException>(() => host.Services.GetRequiredService<IWxORunsClient>().GetRunAsync("r1"));
        Assert.Equal((1, 1), (wxoHandler.Calls, langGraphHandler.Calls));
    }

    [Fact]
    public void A_source_name_belongs_to_one_client_across_vendors()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = new Uri("https://api.dl.watson-orchestrate.ibm.com/instances/x"); o.BearerToken = "t"; });
        services.AddLangGraphClient("eu", o => o.BaseAddress = new Uri("http://127.0.0.1:2024"));

        var wxoName = Assert.Throws<InvalidOperationException>(() => services.AddLangGraphClient("wxo", o => o.BaseAddress = new Uri("http://127.0.0.1:2024")));
        var euName = Assert.Throws<InvalidOperationException>(() => services.AddWxOClient("eu", o => o.BearerToken = "t"));

        Assert.Equal("The run source name 'wxo' is already taken by the unnamed IWxORunsClient; give this ILangGraphRunsClient another name.", wxoName.Message);
        Assert.Equal("The run source name 'eu' is already taken by a named ILangGraphRunsClient; give this IWxORunsClient another name.", euName.Message);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

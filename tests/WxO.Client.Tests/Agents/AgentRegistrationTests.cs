using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace WxO.Client.Tests.Agents;

/// <summary><c>AddWxOClient(…).AddAgent(key, agentId)</c>: keyed agents and chat clients over the client's pipeline.</summary>
public sealed class AgentRegistrationTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly WireMockServer _eu = WireMockServer.Start();

    public void Dispose()
    {
        _server.Stop();
        _eu.Stop();
    }

    private ServiceProvider Build(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        configure(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Each_agent_is_keyed_and_runs_through_its_client_s_pipeline()
    {
        foreach (var server in new[] { _server, _eu })
        {
            server.Given(Request.Create().WithPath("/v1/orchestrate/runs/stream").UsingPost()).RespondWith(Response.Create()
                .WithHeader("Content-Type", "text/event-stream").WithBody("data: {\"id\":\"1\",\"event\":\"done\",\"data\":{}}\n\n"));
        }

        using var provider = Build(services =>
        {
            services.AddWxOClient(o => (o.BaseAddress, o.BearerToken) = (new Uri(_server.Url!), WxOTestClient.Token))
                .AddAgent("hr", "agent-hr", description: "HR questions")
                .AddAgent("it", "agent-it");
            services.AddWxOClient("eu", o => (o.BaseAddress, o.BearerToken) = (new Uri(_eu.Url!), WxOTestClient.Token))
                .AddAgent("eu-hr", "agent-hr");
        });

        var hr = provider.GetRequiredKeyedService<AIAgent>("hr");
        var it = provider.GetRequiredKeyedService<IChatClient>("it");
        var euHr = provider.GetRequiredKeyedService<RunChatClient>("eu-hr");
        await hr.RunAsync("hi", cancellationToken: Ct);
        await euHr.GetResponseAsync("hallo", cancellationToken: Ct);

        Assert.Equal(("wxo:agent-hr", "HR questions"), (hr.Id, hr.Description));
        Assert.Same(hr.GetType(), provider.GetRequiredKeyedService<RunAgent>("hr").GetType());
        Assert.Equal("agent-it", it.GetService<ChatClientMetadata>()!.DefaultModelId);
        Assert.Equal(new Uri(_eu.Url!), euHr.GetService<ChatClientMetadata>()!.ProviderUri);
        Assert.Contains("agent-hr", Assert.Single(_server.LogEntries).RequestMessage!.Body!, StringComparison.Ordinal);
        Assert.Equal($"Bearer {WxOTestClient.Token}", Assert.Single(_eu.LogEntries).RequestMessage!.Headers!["Authorization"].Single());
    }

    [Fact]
    public void A_key_is_one_agent_and_arguments_are_checked()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton("it", "another service of the app under the same key");
        services.AddSingleton<RunAgent>(_ => throw new InvalidOperationException("never resolved"));
        var builder = services.AddWxOClient(o => (o.BaseAddress, o.BearerToken) = (new Uri(_server.Url!), WxOTestClient.Token)).AddAgent("hr", "agent-hr");
        builder.AddAgent("it", "agent-it");   // a key's other services, and an unkeyed RunAgent, are not agents of that key

        var twice = Assert.Throws<InvalidOperationException>(() => builder.AddAgent("hr", "other"));
        Assert.Contains("'hr'", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.AddAgent(" ", "a"));
        Assert.Throws<ArgumentException>(() => builder.AddAgent("k", ""));
        Assert.Throws<ArgumentNullException>(() => ((IRunClientBuilder)null!).AddAgent("k", "a"));
        Assert.Throws<InvalidOperationException>(() => new OtherBuilder(services).AddAgent("k", "a"));
    }

    private sealed class OtherBuilder(IServiceCollection services) : IRunClientBuilder
    {
        public IServiceCollection Services => services;

        public IHttpClientBuilder HttpClientBuilder => throw new NotSupportedException();

        public string SourceName => "other";
    }
}

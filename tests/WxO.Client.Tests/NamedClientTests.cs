using Microsoft.Extensions.Configuration;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Authentication;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests;

/// <summary>Several Orchestrate clients in one container, each with its own options, credentials and HttpClient.</summary>
public sealed class NamedClientTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public NamedClientTests()
        => _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r1").UsingGet()).RespondWith(Response.Create().WithBody(Payloads.Run("r1")));

    public void Dispose() => _server.Stop();

    private string[] Authorizations() => [.. _server.LogEntries.Where(e => e.RequestMessage!.Path.EndsWith("/runs/r1", StringComparison.Ordinal))
        .Select(e => e.RequestMessage!.Headers!["Authorization"].Single())];

    [Fact]
    public async Task Two_tenants_with_different_tokens_each_send_their_own()
    {
        var services = new ServiceCollection();
        services.AddWxOClient("tenant-a", o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "token-of-a"; });
        services.AddWxOClient("tenant-b", o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "token-of-b"; });
        using var provider = services.BuildServiceProvider();

        var a = provider.GetRequiredKeyedService<IWxORunsClient>("tenant-a");
        var b = provider.GetRequiredKeyedService<IWxORunsClient>("tenant-b");
        await a.GetRunAsync("r1", Ct);
        await b.GetRunAsync("r1", Ct);
        await a.GetRunAsync("r1", Ct);

        Assert.Equal(["Bearer token-of-a", "Bearer token-of-b", "Bearer token-of-a"], Authorizations());
        Assert.Equal(("tenant-a", "tenant-b"), (a.Name, b.Name));
        var source = provider.GetRequiredKeyedService<IRunSource>("tenant-b");
        Assert.Equal("tenant-b", (await source.GetRunSnapshotAsync(new RunReference("r1"), Ct)).Source);
        Assert.Equal("Bearer token-of-b", Authorizations()[^1]);
    }

    [Fact]
    public async Task Two_tenants_sign_in_with_their_own_API_keys_and_cache_their_own_tokens()
    {
        // The identity service answers each key with a token naming it, so the API calls show whose token they carry.
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost()).RespondWith(Response.Create().WithCallback(request =>
        {
            var key = request.Body!.Contains("apikey=key-of-a", StringComparison.Ordinal) ? "a" : "b";
            return new WireMock.ResponseMessage
            {
                StatusCode = 200,
                BodyData = new WireMock.Util.BodyData { BodyAsString = $$"""{"access_token":"iam-token-{{key}}","expires_in":3600}""", DetectedBodyType = WireMock.Types.BodyType.String, Encoding = Encoding.UTF8 },
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
            };
        }));
        var services = new ServiceCollection();
        foreach (var tenant in new[] { "a", "b" })
        {
            services.AddWxOClient($"tenant-{tenant}", o =>
            {
                o.BaseAddress = new Uri(_server.Url!);
                o.ApiKey = $"key-of-{tenant}";
                o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
                o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
            });
        }

        using var provider = services.BuildServiceProvider();
        foreach (var name in new[] { "tenant-a", "tenant-b", "tenant-a", "tenant-b" })
        {
            await provider.GetRequiredKeyedService<IWxORunsClient>(name).GetRunAsync("r1", Ct);
        }

        Assert.Equal(["Bearer iam-token-a", "Bearer iam-token-b", "Bearer iam-token-a", "Bearer iam-token-b"], Authorizations());
        Assert.Equal(2, _server.LogEntries.Count(e => e.RequestMessage!.Path == "/identity/token"));
    }

    [Fact]
    public async Task Each_named_client_signs_in_through_its_own_HttpClient_named_after_it()
    {
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody("""{"access_token":"iam-token","expires_in":3600}"""));
        var signIns = new Dictionary<string, int>();
        var services = new ServiceCollection();
        foreach (var tenant in new[] { "tenant-a", "tenant-b" })
        {
            // Registered first, so the name is the only link between this handler and the client's sign-in.
            services.AddHttpClient($"WxO.Client:{tenant}.Token").AddHttpMessageHandler(() => new CountingHandler(() => signIns[tenant] = signIns.GetValueOrDefault(tenant) + 1));
            services.AddWxOClient(tenant, o =>
            {
                o.BaseAddress = new Uri(_server.Url!);
                o.ApiKey = $"key-of-{tenant}";
                o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
                o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
            });
        }

        using var provider = services.BuildServiceProvider();
        await provider.GetRequiredKeyedService<IWxORunsClient>("tenant-b").GetRunAsync("r1", Ct);

        Assert.Equal(["tenant-b"], signIns.Keys);
        Assert.Equal(1, signIns["tenant-b"]);
    }

    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_unnamed_client_stays_as_it_is_next_to_named_ones()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "token-unnamed"; });
        var named = services.AddWxOClient("tenant-a", o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "token-of-a"; });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IWxORunsClient>().GetRunAsync("r1", Ct);
        await provider.GetRequiredKeyedService<IRunSource>("wxo").GetRunSnapshotAsync(new RunReference("r1"), Ct);

        Assert.Equal(["Bearer token-unnamed", "Bearer token-unnamed"], Authorizations());
        // A named client is reached by its key only: the unkeyed IRunSource list holds the unnamed client alone.
        Assert.Equal(["wxo"], provider.GetServices<IRunSource>().Select(s => s.Name));
        Assert.Equal(("tenant-a", "WxO.Client:tenant-a"), (named.SourceName, named.HttpClientBuilder.Name));
        Assert.Null(provider.GetKeyedService<IWxORunsClient>("tenant-b"));
    }

    [Fact]
    public async Task A_named_client_reads_its_own_configuration_section()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WxO:tenant-a:BaseAddress"] = _server.Url,
            ["WxO:tenant-a:BearerToken"] = "token-from-configuration",
        }).Build();
        var services = new ServiceCollection();
        services.AddWxOClient("tenant-a", configuration.GetSection("WxO:tenant-a"));
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IWxORunsClient>("tenant-a").GetRunAsync("r1", Ct);

        Assert.Equal(["Bearer token-from-configuration"], Authorizations());
    }

    [Fact]
    public void Every_registration_names_its_missing_argument()
    {
        var services = new ServiceCollection();
        var section = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build().GetSection("WxO");
        Action<WxOClientOptions> configure = _ => { };

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWxOClient(configure)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddWxOClient((Action<WxOClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWxOClient(section)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddWxOClient((Microsoft.Extensions.Configuration.IConfiguration)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWxOClient("a", configure)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => services.AddWxOClient(null!, configure)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddWxOClient("a", (Action<WxOClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWxOClient("a", section)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => services.AddWxOClient("", section)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddWxOClient("a", (Microsoft.Extensions.Configuration.IConfiguration)null!)).ParamName);
        Assert.Empty(services);
    }

    [Fact]
    public void A_taken_or_empty_name_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "t"; });
        services.AddWxOClient("tenant-a", o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = "t"; });

        var clash = Assert.Throws<InvalidOperationException>(() => services.AddWxOClient("wxo", o => o.BearerToken = "t"));
        Assert.Contains("'wxo' is already taken by the unnamed", clash.Message);
        Assert.Throws<ArgumentException>(() => services.AddWxOClient(" ", o => o.BearerToken = "t"));
        // The same name again only adds configuration.
        Assert.Equal("tenant-a", services.AddWxOClient("tenant-a", o => o.ApplicationId = "app").SourceName);
    }

    [Fact]
    public void A_named_client_s_invalid_options_name_it_in_the_message()
    {
        var services = new ServiceCollection();
        services.AddWxOClient("tenant-a", o => o.BearerToken = "t");
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IWxORunsClient>("tenant-a"));

        Assert.Contains("WxO:tenant-a:BaseAddress is required.", ex.Message);
    }
}

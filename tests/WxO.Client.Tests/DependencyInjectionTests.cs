using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace WxO.Client.Tests;

public sealed class DependencyInjectionTests
{
    private static IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder.Services);
        return builder.Build();
    }

    private static void Valid(WxOClientOptions o)
    {
        o.BaseAddress = new Uri("https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/abc");
        o.BearerToken = "secret-token-value";
    }

    [Fact]
    public async Task Built_host_resolves_the_wxo_source_in_every_way()
    {
        using var host = BuildHost(s => s.AddWxOClient(Valid));
        await host.StartAsync(TestContext.Current.CancellationToken);

        var source = Assert.Single(host.Services.GetServices<IRunSource>());
        Assert.Equal("wxo", source.Name);
        Assert.IsType<WxORunsClient>(source);
        Assert.Equal("wxo", host.Services.GetRequiredKeyedService<IRunSource>("wxo").Name);
        Assert.NotNull(host.Services.GetRequiredService<IWxORunsClient>());
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Calling_twice_does_not_double_register_and_applies_both_configurations()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(Valid);
        var builder = services.AddWxOClient(o => o.Resilience.MaxRetryAttempts = 7);
        using var provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IRunSource>());
        Assert.Same(services, builder.Services);
        Assert.Equal(("wxo", "WxO.Client"), (builder.SourceName, builder.HttpClientBuilder.Name));
        Assert.Equal(7, provider.GetRequiredService<IOptions<WxOClientOptions>>().Value.Resilience.MaxRetryAttempts);
        Assert.Equal("secret-token-value", provider.GetRequiredService<IOptions<WxOClientOptions>>().Value.BearerToken);
    }

    [Theory]
    [InlineData(null, "WxO:BaseAddress is required")]
    [InlineData("/instances/abc", "must be an absolute http(s) URL")]
    [InlineData("ftp://example.com", "must be an absolute http(s) URL")]
    [InlineData("http://api.example.com/instances/abc", "plain http to a host that is not loopback")]
    [InlineData("https://api.example.com/x?tenant=1", "must not have a query string")]
    public async Task Misconfiguration_fails_at_startup_with_a_clear_message(string? baseAddress, string expected)
    {
        using var host = BuildHost(s => s.AddWxOClient(o =>
        {
            o.BaseAddress = baseAddress is null ? null : new Uri(baseAddress, UriKind.RelativeOrAbsolute);
            o.BearerToken = "secret-token-value";
        }));

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain("secret-token-value", ex.Message);
    }

    [Theory]
    [InlineData("http://localhost:4321/api")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://[::1]:8080")]
    public async Task Plain_http_is_fine_for_loopback(string baseAddress)
    {
        using var host = BuildHost(s => s.AddWxOClient(o => { o.BaseAddress = new Uri(baseAddress); o.BearerToken = "t"; }));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Plain_http_to_a_remote_host_needs_the_opt_in()
    {
        using var host = BuildHost(s => s.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri("http://wxo.internal.example/api");
            o.BearerToken = "t";
            o.AllowInsecureHttp = true;
        }));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("abc\ndef", "line break")]
    [InlineData("abc\r", "line break")]
    [InlineData("  ", "BearerToken is empty")]
    [InlineData(null, "needs credentials")]
    public void Bad_credentials_fail_validation(string? token, string expected)
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o => { Valid(o); o.BearerToken = token; });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IWxORunsClient>());

        Assert.Contains(expected, ex.Message);
        if (!string.IsNullOrWhiteSpace(token))
        {
            Assert.DoesNotContain(token.Trim(), ex.Message.Replace("BearerToken", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Configuration_section_binds_every_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WxO:BaseAddress"] = "https://api.dl.watson-orchestrate.ibm.com/instances/xyz",
            ["WxO:BearerToken"] = "from-config",
            ["WxO:AllowInsecureHttp"] = "true",
            ["WxO:Resilience:Enabled"] = "false",
            ["WxO:Resilience:MaxRetryAttempts"] = "5",
            ["WxO:Resilience:BaseDelay"] = "00:00:02",
            ["WxO:Resilience:MaxDelay"] = "00:00:40",
            ["WxO:Resilience:MaxRetryAfter"] = "00:00:10",
            ["WxO:Resilience:AttemptTimeout"] = "00:00:05",
            ["WxO:Resilience:TotalTimeout"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddWxOClient(configuration.GetSection("WxO"));
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptions<WxOClientOptions>>().Value;

        Assert.Equal(new Uri("https://api.dl.watson-orchestrate.ibm.com/instances/xyz"), o.BaseAddress);
        Assert.Equal("from-config", o.BearerToken);
        Assert.True(o.AllowInsecureHttp);
        Assert.False(o.Resilience.Enabled);
        Assert.Equal(5, o.Resilience.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), o.Resilience.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(40), o.Resilience.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), o.Resilience.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), o.Resilience.AttemptTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), o.Resilience.TotalTimeout);
        Assert.Equal("wxo", provider.GetRequiredService<IWxORunsClient>().Name);
    }

    [Fact]
    public void Options_ToString_hides_the_token()
    {
        var o = new WxOClientOptions();
        Valid(o);

        Assert.DoesNotContain("secret-token-value", o.ToString());
        Assert.Contains("***", o.ToString());
    }

    [Fact]
    public void Factory_without_DI_validates_and_builds_a_client()
    {
        Assert.Throws<OptionsValidationException>(() => WxORunsClient.Create(o => o.BearerToken = "t"));

        var client = WxORunsClient.Create(Valid);

        Assert.Equal("wxo", client.Name);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Samples.AspNetCore;

namespace WxO.Client.Samples.Tests;

/// <summary>The ASP.NET Core sample on a free loopback port, with an HttpClient pointed at it.</summary>
internal sealed class SampleHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<SampleHost> StartAsync(IDictionary<string, string?>? configuration = null)
    {
        var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development"], configuration);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SampleHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

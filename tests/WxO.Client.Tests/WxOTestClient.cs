using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace WxO.Client.Tests;

/// <summary>A WxO client wired through the real DI registration, pointed at a WireMock server, with fast retries.</summary>
internal sealed class WxOTestClient : IDisposable
{
    public const string Token = "test-token-3f9a";

    private readonly ServiceProvider _provider;

    public WxOTestClient(WireMockServer server, Action<WxOClientOptions>? configure = null, Action<IServiceCollection>? services = null, string basePath = "")
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri(server.Url! + basePath);
            o.BearerToken = Token;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        });
        _provider = collection.BuildServiceProvider();
        Client = _provider.GetRequiredService<IWxORunsClient>();
    }

    public IWxORunsClient Client { get; }

    public void Dispose() => _provider.Dispose();
}

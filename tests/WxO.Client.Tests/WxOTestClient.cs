using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;
using WxO.Client.Testing;

namespace WxO.Client.Tests;

/// <summary>A WxO client wired through the real DI registration, pointed at a WireMock server, with fast retries.</summary>
internal sealed class WxOTestClient : IDisposable
{
    public const string Token = "test-token-3f9a";

    private readonly TestHost<IWxORunsClient> _host;

    public WxOTestClient(WireMockServer server, Action<WxOClientOptions>? configure = null, Action<IServiceCollection>? services = null, string basePath = "")
        : this(new Uri(server.Url! + basePath), configure, services)
    {
    }

    public WxOTestClient(Uri baseAddress, Action<WxOClientOptions>? configure = null, Action<IServiceCollection>? services = null)
        => _host = new TestHost<IWxORunsClient>(collection =>
        {
            services?.Invoke(collection);
            collection.AddWxOClient(o =>
            {
                o.BaseAddress = baseAddress;
                o.BearerToken = Token;
                TestHost<IWxORunsClient>.FastRetries(o);
                configure?.Invoke(o);
            });
        });

    public IWxORunsClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public void Dispose() => _host.Dispose();
}

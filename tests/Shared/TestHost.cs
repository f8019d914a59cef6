using Microsoft.Extensions.DependencyInjection;

namespace WxO.Client.Testing;

/// <summary>A client resolved from a real DI registration, owning its container.</summary>
internal sealed class TestHost<TClient> : IDisposable where TClient : notnull
{
    private readonly ServiceProvider _provider;

    public TestHost(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        _provider = services.BuildServiceProvider();
        Client = _provider.GetRequiredService<TClient>();
    }

    public TClient Client { get; }

    public IServiceProvider Services => _provider;

    public void Dispose() => _provider.Dispose();

    /// <summary>Retries in milliseconds, so retry tests cost no real time.</summary>
    public static void FastRetries(RunClientOptions options)
    {
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
    }
}

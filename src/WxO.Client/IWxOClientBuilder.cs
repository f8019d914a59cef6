using Microsoft.Extensions.DependencyInjection;

namespace WxO.Client;

/// <summary>Returned by <c>AddWxOClient</c>, to add more run sources or change the HTTP pipeline.</summary>
public interface IWxOClientBuilder
{
    /// <summary>The service collection the client was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>The client's HttpClient registration: add handlers, replace the primary handler, and so on.</summary>
    IHttpClientBuilder HttpClientBuilder { get; }
}

internal sealed record WxOClientBuilder(IServiceCollection Services, IHttpClientBuilder HttpClientBuilder) : IWxOClientBuilder;

using WxO.Client.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace WxO.Client;

/// <summary>
/// Returned by every run client's registration (each vendor package's <c>Add…Client</c>): chain the next
/// client, or change the HTTP pipeline of the client just added.
/// </summary>
public interface IRunClientBuilder
{
    /// <summary>The service collection the client was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// The HttpClient registration of the client this builder was returned for (not of earlier clients in the chain):
    /// add handlers, replace the primary handler, and so on.
    /// </summary>
    IHttpClientBuilder HttpClientBuilder { get; }

    /// <summary>The <see cref="IRunSource.Name"/> (and DI key) of the client this builder was returned for.</summary>
    string SourceName { get; }
}

internal sealed record RunClientBuilder(IServiceCollection Services, IHttpClientBuilder HttpClientBuilder, string SourceName) : IRunClientBuilder
{
    /// <summary>Builds an agent connector of this client (the provider and an agent id); null when the vendor has none.</summary>
    public Func<IServiceProvider, string, RunAgentConnector>? Agents { get; init; }
}

namespace WxO.Client.Primitives;

/// <summary>What a run client is built from: its HttpClient (the shared pipeline) and its request path.</summary>
public sealed class RunClientContext
{
    internal RunClientContext(HttpClient httpClient, RunClientPipeline pipeline, string sourceName, IDisposable? owner)
    {
        HttpClient = httpClient;
        Pipeline = pipeline;
        SourceName = sourceName;
        Owner = owner;
    }

    /// <summary>The client's <see cref="IRunSource.Name"/>: the definition's source name, or the registration name of a named client.</summary>
    public string SourceName { get; }

    /// <summary>The client's HttpClient: base address, credentials, resilience and bounded reads already configured.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The request path for the client's calls.</summary>
    public RunClientPipeline Pipeline { get; }

    /// <summary>
    /// For a client made outside dependency injection (<see cref="RunClientRegistration.CreateStandalone{TOptions, TClient}"/>): the private
    /// container the client owns and must keep alive (its HTTP handlers live there); null for a client from the app's container.
    /// </summary>
    public IDisposable? Owner { get; }
}

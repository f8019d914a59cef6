using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WxO.Client;
using WxO.Client.Primitives;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a server's agents as keyed <see cref="AIAgent"/> and <see cref="IChatClient"/> services.</summary>
public static class RunAgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers one agent of the client this builder was returned for, under <paramref name="key"/>: keyed
    /// <see cref="AIAgent"/> and <see cref="RunAgent"/>, keyed <see cref="IChatClient"/> and <see cref="RunChatClient"/>
    /// (e.g. <c>services.Add…Client(…).AddAgent("hr", "hr-agent-id")</c>, then <c>[FromKeyedServices("hr")] AIAgent hr</c>).
    /// Each agent uses the client's options, credentials and HTTP pipeline; chain calls to add several.
    /// </summary>
    /// <param name="builder">The builder a vendor package's <c>Add…Client</c> returned.</param>
    /// <param name="key">The DI key of the agent.</param>
    /// <param name="agentId">The agent on the server, as its vendor package names it (e.g. an agent, graph or assistant id).</param>
    /// <param name="name">The agent's display name; the agent id when null.</param>
    /// <param name="description">What the agent does.</param>
    /// <returns>The same builder, to chain.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> or <paramref name="agentId"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">
    /// An agent is already registered under <paramref name="key"/>, or the builder is not one of a run client with agents.
    /// </exception>
    public static IRunClientBuilder AddAgent(this IRunClientBuilder builder, string key, string agentId, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var connect = (builder as RunClientBuilder)?.Agents
            ?? throw new InvalidOperationException($"The client '{builder.SourceName}' has no agents to register: AddAgent follows the registration of a client whose package maps agents.");
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(RunAgent) && d.IsKeyedService && Equals(d.ServiceKey, key)))
        {
            throw new InvalidOperationException($"An agent is already registered under the key '{key}'.");
        }

        // Transient, as the runs clients are: each resolves the client (and its HttpClient) as registered.
        services.AddKeyedTransient(key, (sp, _) => new RunAgent(connect(sp, agentId), name, description));
        services.AddKeyedTransient<AIAgent>(key, (sp, k) => sp.GetRequiredKeyedService<RunAgent>(k));
        services.AddKeyedTransient(key, (sp, _) => new RunChatClient(connect(sp, agentId)));
        services.AddKeyedTransient<IChatClient>(key, (sp, k) => sp.GetRequiredKeyedService<RunChatClient>(k));
        return builder;
    }
}

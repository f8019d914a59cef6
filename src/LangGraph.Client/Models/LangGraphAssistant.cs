using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// An assistant: a graph with its configuration, the thing a run starts (<c>GET /assistants/{assistant_id}</c>). Every graph
/// of a deployment has one made by the server; more can be created with other configurations.
/// </summary>
public sealed record LangGraphAssistant
{
    /// <summary>The assistant id: pass it (or the graph id) as <see cref="ThreadRunRequest.AssistantId"/>.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("assistant_id")] public Guid AssistantId { get; internal set; }

    /// <summary>The graph it runs (its id in <c>langgraph.json</c>).</summary>
    [JsonInclude, JsonPropertyName("graph_id")] public string? GraphId { get; internal set; }

    /// <summary>The configuration the graph runs with (<c>configurable</c>, <c>tags</c>, <c>recursion_limit</c>).</summary>
    [JsonInclude, JsonPropertyName("config")] public IReadOnlyDictionary<string, JsonElement>? Config { get; internal set; }

    /// <summary>The static context the graph runs with (LangGraph ≥ 0.6).</summary>
    [JsonInclude, JsonPropertyName("context")] public IReadOnlyDictionary<string, JsonElement>? Context { get; internal set; }

    /// <summary>When the assistant was created.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the assistant last changed.</summary>
    [JsonInclude, JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>The assistant's metadata (<c>created_by: system</c> for the ones the server made).</summary>
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    /// <summary>The version: each update makes a new one.</summary>
    [JsonInclude, JsonPropertyName("version")] public int? Version { get; internal set; }

    /// <summary>The assistant's name.</summary>
    [JsonInclude, JsonPropertyName("name")] public string? Name { get; internal set; }

    /// <summary>The assistant's description.</summary>
    [JsonInclude, JsonPropertyName("description")] public string? Description { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>A new assistant (<c>POST /assistants</c>): a graph with a configuration of your own.</summary>
public sealed record AssistantRequest
{
    /// <summary>The graph it runs (its id in <c>langgraph.json</c>).</summary>
    [JsonPropertyName("graph_id")] public required string GraphId { get; init; }

    /// <summary>The id to give it; the server picks one when null.</summary>
    [JsonPropertyName("assistant_id")] public Guid? AssistantId { get; init; }

    /// <summary>The configuration the graph runs with.</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    /// <summary>The static context the graph runs with.</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>Metadata to store on it.</summary>
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    /// <summary>What to do when <see cref="AssistantId"/> exists; the server's default is <see cref="IfThreadExists.Raise"/> (409).</summary>
    [JsonPropertyName("if_exists")] public IfThreadExists? IfExists { get; init; }

    /// <summary>Its name; the server's default is <c>Untitled</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Its description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
}

/// <summary>A change to an assistant (<c>PATCH /assistants/{assistant_id}</c>): makes a new version; what is null stays.</summary>
public sealed record AssistantUpdate
{
    /// <summary>Another graph to run.</summary>
    [JsonPropertyName("graph_id")] public string? GraphId { get; init; }

    /// <summary>The new configuration.</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    /// <summary>The new static context.</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>Metadata merged into the assistant's.</summary>
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    /// <summary>The new name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The new description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }
}

/// <summary>
/// The JSON schemas of a graph (<c>GET /assistants/{assistant_id}/schemas</c>, and per subgraph). A schema the server could
/// not generate is missing (null).
/// </summary>
public sealed record GraphSchema
{
    /// <summary>The graph id (not sent for subgraphs).</summary>
    [JsonInclude, JsonPropertyName("graph_id")] public string? GraphId { get; internal set; }

    /// <summary>The schema of the graph's input.</summary>
    [JsonInclude, JsonPropertyName("input_schema")] public JsonElement? InputSchema { get; internal set; }

    /// <summary>The schema of the graph's output.</summary>
    [JsonInclude, JsonPropertyName("output_schema")] public JsonElement? OutputSchema { get; internal set; }

    /// <summary>The schema of the graph's state.</summary>
    [JsonInclude, JsonPropertyName("state_schema")] public JsonElement? StateSchema { get; internal set; }

    /// <summary>The schema of the graph's config.</summary>
    [JsonInclude, JsonPropertyName("config_schema")] public JsonElement? ConfigSchema { get; internal set; }

    /// <summary>The schema of the graph's static context.</summary>
    [JsonInclude, JsonPropertyName("context_schema")] public JsonElement? ContextSchema { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    /// <summary>
    /// The same schemas under the spec's names: LangGraph.js answers the subgraphs endpoint with its runtime shape
    /// (<c>state</c>, <c>input</c>, <c>output</c>, <c>config</c>) rather than <c>state_schema</c> and the rest.
    /// </summary>
    internal GraphSchema Normalized()
    {
        if (AdditionalProperties is not { Count: > 0 } extra)
        {
            return this;
        }

        JsonElement? Take(string name) => extra.Remove(name, out var value) ? value : null;
        return this with
        {
            StateSchema = StateSchema ?? Take("state"),
            InputSchema = InputSchema ?? Take("input"),
            OutputSchema = OutputSchema ?? Take("output"),
            ConfigSchema = ConfigSchema ?? Take("config"),
            AdditionalProperties = extra.Count > 0 ? extra : null,
        };
    }
}

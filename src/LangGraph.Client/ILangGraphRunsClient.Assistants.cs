using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;

namespace LangGraph.Client;

// Assistants: what runs start. Every method takes an assistant id or a graph id (the server maps a graph id to the
// assistant it made for that graph).
public partial interface ILangGraphRunsClient
{
    /// <summary>Finds assistants (<c>POST /assistants/search</c>): one page.</summary>
    /// <param name="query">The filters and sort; every assistant when null.</param>
    /// <param name="limit">Assistants per page (1–1000); the server's default (10) when null.</param>
    /// <param name="offset">Assistants to skip (≥ 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LangGraphAssistant>> SearchAssistantsAsync(
        AssistantQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over every assistant the query finds, one page request at a time as you consume them; each once, never looping.
    /// </summary>
    /// <param name="query">The filters and sort; every assistant when null.</param>
    /// <param name="pageSize">Assistants per request (1–1000).</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    IAsyncEnumerable<LangGraphAssistant> EnumerateAssistantsAsync(AssistantQuery? query = null, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Counts the assistants a query finds (<c>POST /assistants/count</c>).</summary>
    /// <param name="query">The filters; every assistant when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<int> CountAssistantsAsync(AssistantQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an assistant (<c>GET /assistants/{assistant_id}</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphAssistant> GetAssistantAsync(string assistantId, CancellationToken cancellationToken = default);

    /// <summary>Reads the assistant's graph as nodes and edges (<c>GET /assistants/{assistant_id}/graph</c>), for drawing it.</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="xray">Also show the nodes inside subgraphs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's JSON: <c>{"nodes": [...], "edges": [...]}</c>.</returns>
    Task<JsonElement> GetAssistantGraphAsync(string assistantId, bool xray = false, CancellationToken cancellationToken = default);

    /// <summary>Reads the JSON schemas of the assistant's graph: input, output, state, config, context (<c>GET /assistants/{assistant_id}/schemas</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<GraphSchema> GetAssistantSchemasAsync(string assistantId, CancellationToken cancellationToken = default);

    /// <summary>Reads the schemas of the graph's subgraphs, per namespace (<c>GET /assistants/{assistant_id}/subgraphs[/{namespace}]</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="subgraph">Only this subgraph (its namespace: the node name); every subgraph when null.</param>
    /// <param name="recurse">Also the subgraphs of subgraphs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyDictionary<string, GraphSchema>> GetAssistantSubgraphsAsync(
        string assistantId, string? subgraph = null, bool recurse = false, CancellationToken cancellationToken = default);

    /// <summary>Lists an assistant's versions, newest first (<c>POST /assistants/{assistant_id}/versions</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="metadata">Only versions whose metadata contains every one of these key/value pairs.</param>
    /// <param name="limit">Versions per page (1–1000); the server's default (10) when null.</param>
    /// <param name="offset">Versions to skip (≥ 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LangGraphAssistant>> GetAssistantVersionsAsync(
        string assistantId, JsonObject? metadata = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>Makes one of an assistant's versions the one runs use (<c>POST /assistants/{assistant_id}/latest</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="version">The version (≥ 1).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphAssistant> SetLatestAssistantVersionAsync(string assistantId, int version, CancellationToken cancellationToken = default);

    /// <summary>Creates an assistant: a graph with a configuration of your own (<c>POST /assistants</c>).</summary>
    /// <param name="request">The graph, configuration, name and metadata.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphAssistant> CreateAssistantAsync(AssistantRequest request, CancellationToken cancellationToken = default);

    /// <summary>Changes an assistant, making a new version (<c>PATCH /assistants/{assistant_id}</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="update">What changes; what is null stays.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphAssistant> UpdateAssistantAsync(string assistantId, AssistantUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes an assistant (<c>DELETE /assistants/{assistant_id}</c>).</summary>
    /// <param name="assistantId">The assistant id, or a graph id.</param>
    /// <param name="deleteThreads">Also delete the threads it ran on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteAssistantAsync(string assistantId, bool deleteThreads = false, CancellationToken cancellationToken = default);
}

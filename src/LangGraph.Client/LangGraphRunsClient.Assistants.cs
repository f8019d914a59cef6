using System.Text.Json;
using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using SharedSource;
using WxO.Client.Primitives;

namespace LangGraph.Client;

public sealed partial class LangGraphRunsClient
{
    private static readonly RunEndpoint SearchAssistantsEndpoint = new("SearchAssistants", "POST", "/assistants/search");
    private static readonly RunEndpoint CountAssistantsEndpoint = new("CountAssistants", "POST", "/assistants/count");
    private static readonly RunEndpoint GetAssistantEndpoint = new("GetAssistant", "GET", "/assistants/{assistant_id}");
    private static readonly RunEndpoint GetAssistantGraphEndpoint = new("GetAssistantGraph", "GET", "/assistants/{assistant_id}/graph");
    private static readonly RunEndpoint GetAssistantSchemasEndpoint = new("GetAssistantSchemas", "GET", "/assistants/{assistant_id}/schemas");
    private static readonly RunEndpoint GetAssistantSubgraphsEndpoint = new("GetAssistantSubgraphs", "GET", "/assistants/{assistant_id}/subgraphs");
    private static readonly RunEndpoint GetAssistantVersionsEndpoint = new("GetAssistantVersions", "POST", "/assistants/{assistant_id}/versions");
    private static readonly RunEndpoint SetLatestAssistantVersionEndpoint = new("SetLatestAssistantVersion", "POST", "/assistants/{assistant_id}/latest");
    private static readonly RunEndpoint CreateAssistantEndpoint = new("CreateAssistant", "POST", "/assistants");
    private static readonly RunEndpoint UpdateAssistantEndpoint = new("UpdateAssistant", "PATCH", "/assistants/{assistant_id}");
    private static readonly RunEndpoint DeleteAssistantEndpoint = new("DeleteAssistant", "DELETE", "/assistants/{assistant_id}");

    /// <inheritdoc />
    public async Task<IReadOnlyList<LangGraphAssistant>> SearchAssistantsAsync(
        AssistantQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        ValidatePage(limit, offset);
        ValidateSort(query?.SortBy, query?.SortOrder, nameof(query));
        var assistants = await Pipeline.SendAsync(
            SearchAssistantsEndpoint, (Api: _api, Body: AssistantSearchBody.Of(query, limit, offset, count: false)),
            static (s, ct) => s.Api.SearchAssistantsAsync(s.Body, ct),
            LangGraphJsonContext.Default.IReadOnlyListLangGraphAssistant, cancellationToken: cancellationToken).ConfigureAwait(false);
        return assistants.WithoutNulls();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LangGraphAssistant> EnumerateAssistantsAsync(AssistantQuery? query = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ValidatePageSize(pageSize);
        ValidateSort(query?.SortBy, query?.SortOrder, nameof(query));
        return Pages.EnumerateAsync<LangGraphAssistant, Guid>(
            (offset, _, ct) => SearchAssistantsAsync(query, pageSize, offset, ct), static assistant => assistant.AssistantId, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountAssistantsAsync(AssistantQuery? query = null, CancellationToken cancellationToken = default)
        => Pipeline.SendAsync(
            CountAssistantsEndpoint, (Api: _api, Body: AssistantSearchBody.Of(query, null, null, count: true)),
            static (s, ct) => s.Api.CountAssistantsAsync(s.Body, ct),
            LangGraphJsonContext.Default.Int32, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public Task<LangGraphAssistant> GetAssistantAsync(string assistantId, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        return Pipeline.SendAsync(
            GetAssistantEndpoint, (Api: _api, AssistantId: assistantId), static (s, ct) => s.Api.GetAssistantAsync(s.AssistantId, ct),
            LangGraphJsonContext.Default.LangGraphAssistant, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<JsonElement> GetAssistantGraphAsync(string assistantId, bool xray = false, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        return Pipeline.SendAsync(
            GetAssistantGraphEndpoint, (Api: _api, AssistantId: assistantId, Xray: xray ? "true" : null),
            static (s, ct) => s.Api.GetAssistantGraphAsync(s.AssistantId, s.Xray, ct),
            LangGraphJsonContext.Default.JsonElement,
            validate: static (_, graph) => graph.ValueKind == JsonValueKind.Object ? null : "it is not a graph object",
            cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<GraphSchema> GetAssistantSchemasAsync(string assistantId, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        return Pipeline.SendAsync(
            GetAssistantSchemasEndpoint, (Api: _api, AssistantId: assistantId), static (s, ct) => s.Api.GetAssistantSchemasAsync(s.AssistantId, ct),
            LangGraphJsonContext.Default.GraphSchema, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, GraphSchema>> GetAssistantSubgraphsAsync(
        string assistantId, string? subgraph = null, bool recurse = false, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        if (subgraph is not null && string.IsNullOrWhiteSpace(subgraph))
        {
            throw new ArgumentException("The namespace must be a subgraph's name, or null for every subgraph.", nameof(subgraph));
        }

        var subgraphs = await Pipeline.SendAsync(
            GetAssistantSubgraphsEndpoint, (Api: _api, AssistantId: assistantId, Namespace: subgraph, Recurse: recurse ? "true" : null),
            static (s, ct) => s.Namespace is null
                ? s.Api.GetAssistantSubgraphsAsync(s.AssistantId, s.Recurse, ct)
                : s.Api.GetAssistantSubgraphsInAsync(s.AssistantId, s.Namespace, s.Recurse, ct),
            LangGraphJsonContext.Default.IReadOnlyDictionaryStringGraphSchema, cancellationToken: cancellationToken).ConfigureAwait(false);
        // A null entry (a subgraph whose schema the server could not make) is kept as an empty schema, not dropped.
        return subgraphs.ToDictionary(static p => p.Key, static p => p.Value?.Normalized() ?? new GraphSchema());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LangGraphAssistant>> GetAssistantVersionsAsync(
        string assistantId, JsonObject? metadata = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        ValidatePage(limit, offset);
        var versions = await Pipeline.SendAsync(
            GetAssistantVersionsEndpoint, (Api: _api, AssistantId: assistantId, Body: new AssistantVersionsBody(metadata, limit, offset)),
            static (s, ct) => s.Api.GetAssistantVersionsAsync(s.AssistantId, s.Body, ct),
            LangGraphJsonContext.Default.IReadOnlyListLangGraphAssistant, cancellationToken: cancellationToken).ConfigureAwait(false);
        return versions.WithoutNulls();
    }

    /// <inheritdoc />
    public Task<LangGraphAssistant> SetLatestAssistantVersionAsync(string assistantId, int version, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return Pipeline.SendAsync(
            SetLatestAssistantVersionEndpoint, (Api: _api, AssistantId: assistantId, Version: version),
            static (s, ct) => s.Api.SetLatestAssistantVersionAsync(s.AssistantId, s.Version, new LatestVersionBody(s.Version), ct),
            LangGraphJsonContext.Default.LangGraphAssistant, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphAssistant> CreateAssistantAsync(AssistantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.GraphId))
        {
            throw new ArgumentException("AssistantRequest.GraphId is required: the graph's id in langgraph.json.", nameof(request));
        }

        if (request.AssistantId == Guid.Empty)
        {
            throw new ArgumentException("AssistantRequest.AssistantId must not be Guid.Empty; leave it null to let the server pick one.", nameof(request));
        }

        if (ThreadRunRequest.IsBlank(request.IfExists))
        {
            throw new ArgumentException("AssistantRequest.IfExists needs a value (IfThreadExists.Raise or DoNothing), not default.", nameof(request));
        }

        return Pipeline.SendAsync(
            CreateAssistantEndpoint, (Api: _api, Request: request), static (s, ct) => s.Api.CreateAssistantAsync(s.Request, ct),
            LangGraphJsonContext.Default.LangGraphAssistant, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphAssistant> UpdateAssistantAsync(string assistantId, AssistantUpdate update, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        ArgumentNullException.ThrowIfNull(update);
        if (update == new AssistantUpdate())
        {
            throw new ArgumentException("The AssistantUpdate changes nothing: set at least one property.", nameof(update));
        }

        return Pipeline.SendAsync(
            UpdateAssistantEndpoint, (Api: _api, AssistantId: assistantId, Update: update),
            static (s, ct) => s.Api.UpdateAssistantAsync(s.AssistantId, s.Update, ct),
            LangGraphJsonContext.Default.LangGraphAssistant, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAssistantAsync(string assistantId, bool deleteThreads = false, CancellationToken cancellationToken = default)
    {
        ValidateAssistantId(assistantId);
        return Pipeline.SendWithoutResultAsync(
            DeleteAssistantEndpoint, (Api: _api, AssistantId: assistantId, DeleteThreads: deleteThreads ? "true" : null),
            static (s, ct) => s.Api.DeleteAssistantAsync(s.AssistantId, s.DeleteThreads, ct), cancellationToken: cancellationToken);
    }

    private static void ValidateAssistantId(string assistantId)
    {
        if (string.IsNullOrWhiteSpace(assistantId))
        {
            throw new ArgumentException("The assistant id is required: an assistant id or a graph id (as in langgraph.json).", nameof(assistantId));
        }
    }
}

using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

// The wire bodies of the search and count calls, built from a public query plus the call's paging. Internal: the public
// queries keep paging out and the sort direction as .NET's ListSortDirection.

internal sealed record ThreadSearchBody
{
    [JsonPropertyName("ids")] public IReadOnlyList<Guid>? Ids { get; init; }

    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    [JsonPropertyName("values")] public JsonObject? Values { get; init; }

    [JsonPropertyName("status")] public ThreadStatus? Status { get; init; }

    [JsonPropertyName("limit")] public int? Limit { get; init; }

    [JsonPropertyName("offset")] public int? Offset { get; init; }

    [JsonPropertyName("sort_by")] public string? SortBy { get; init; }

    [JsonPropertyName("sort_order")] public string? SortOrder { get; init; }

    public static ThreadSearchBody Of(ThreadQuery? query, int? limit, int? offset, bool count) => new()
    {
        Ids = query?.Ids,
        Metadata = query?.Metadata,
        Values = query?.Values,
        Status = query?.Status,
        Limit = limit,
        Offset = offset,
        SortBy = count ? null : query?.SortBy,
        SortOrder = count ? null : QueryBodies.Order(query?.SortOrder),
    };
}

internal sealed record AssistantSearchBody
{
    [JsonPropertyName("graph_id")] public string? GraphId { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    [JsonPropertyName("limit")] public int? Limit { get; init; }

    [JsonPropertyName("offset")] public int? Offset { get; init; }

    [JsonPropertyName("sort_by")] public string? SortBy { get; init; }

    [JsonPropertyName("sort_order")] public string? SortOrder { get; init; }

    public static AssistantSearchBody Of(AssistantQuery? query, int? limit, int? offset, bool count) => new()
    {
        GraphId = query?.GraphId,
        Name = query?.Name,
        Metadata = query?.Metadata,
        Limit = limit,
        Offset = offset,
        SortBy = count ? null : query?.SortBy,
        SortOrder = count ? null : QueryBodies.Order(query?.SortOrder),
    };
}

internal sealed record CronSearchBody
{
    [JsonPropertyName("assistant_id")] public Guid? AssistantId { get; init; }

    [JsonPropertyName("thread_id")] public Guid? ThreadId { get; init; }

    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }

    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    [JsonPropertyName("limit")] public int? Limit { get; init; }

    [JsonPropertyName("offset")] public int? Offset { get; init; }

    [JsonPropertyName("sort_by")] public string? SortBy { get; init; }

    [JsonPropertyName("sort_order")] public string? SortOrder { get; init; }

    public static CronSearchBody Of(CronQuery? query, int? limit, int? offset, bool count) => new()
    {
        AssistantId = query?.AssistantId,
        ThreadId = query?.ThreadId,
        Enabled = query?.Enabled,
        Metadata = query?.Metadata,
        Limit = limit,
        Offset = offset,
        SortBy = count ? null : query?.SortBy,
        SortOrder = count ? null : QueryBodies.Order(query?.SortOrder),
    };
}

/// <summary>The body of <c>POST /assistants/{assistant_id}/versions</c>.</summary>
internal sealed record AssistantVersionsBody(
    [property: JsonPropertyName("metadata")] JsonObject? Metadata,
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("offset")] int? Offset);

/// <summary>The body of <c>POST /assistants/{assistant_id}/latest</c>.</summary>
internal sealed record LatestVersionBody([property: JsonPropertyName("version")] int Version);

/// <summary>The body of <c>PATCH /threads/{thread_id}</c>.</summary>
internal sealed record ThreadPatchBody([property: JsonPropertyName("metadata")] JsonObject Metadata);

internal static class QueryBodies
{
    public static string? Order(ListSortDirection? direction) => direction switch
    {
        null => null,
        ListSortDirection.Ascending => "asc",
        ListSortDirection.Descending => "desc",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "The sort order must be Ascending or Descending."),
    };
}

using System.ComponentModel;
using System.Text.Json.Nodes;

namespace LangGraph.Client.Models;

/// <summary>
/// Which threads to find (<c>POST /threads/search</c>, <c>/threads/count</c>): every filter is optional and they combine
/// (AND). Paging (limit, offset) is given to the search call, not here, so one query serves search, count and enumerate.
/// </summary>
public sealed record ThreadQuery
{
    /// <summary>Only these threads (search and enumerate; not accepted by count).</summary>
    public IReadOnlyList<Guid>? Ids { get; init; }

    /// <summary>Only threads whose metadata contains every one of these key/value pairs.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Only threads whose state values contain every one of these key/value pairs.</summary>
    public JsonObject? Values { get; init; }

    /// <summary>Only threads with this status.</summary>
    public ThreadStatus? Status { get; init; }

    /// <summary>The field to sort by (<c>thread_id</c>, <c>status</c>, <c>created_at</c>, <c>updated_at</c>, <c>state_updated_at</c>); the server's default (<c>created_at</c>) when null.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort direction; the server's default (descending) when null.</summary>
    public ListSortDirection? SortOrder { get; init; }
}

/// <summary>Which assistants to find (<c>POST /assistants/search</c>, <c>/assistants/count</c>); every filter is optional.</summary>
public sealed record AssistantQuery
{
    /// <summary>Only assistants of this graph (its id in <c>langgraph.json</c>).</summary>
    public string? GraphId { get; init; }

    /// <summary>Only assistants whose name contains this text (ignoring case).</summary>
    public string? Name { get; init; }

    /// <summary>Only assistants whose metadata contains every one of these key/value pairs.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The field to sort by (<c>assistant_id</c>, <c>created_at</c>, <c>updated_at</c>, <c>name</c>, <c>graph_id</c>); the server's default when null.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort direction; the server's default when null.</summary>
    public ListSortDirection? SortOrder { get; init; }
}

/// <summary>Which crons to find (<c>POST /runs/crons/search</c>, <c>/runs/crons/count</c>); every filter is optional.</summary>
public sealed record CronQuery
{
    /// <summary>Only crons that start runs of this assistant.</summary>
    public Guid? AssistantId { get; init; }

    /// <summary>Only crons of this thread.</summary>
    public Guid? ThreadId { get; init; }

    /// <summary>Only enabled (true) or disabled (false) crons (search only; not accepted by count).</summary>
    public bool? Enabled { get; init; }

    /// <summary>Only crons whose metadata contains every one of these key/value pairs.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>The field to sort by (<c>cron_id</c>, <c>assistant_id</c>, <c>thread_id</c>, <c>next_run_date</c>, <c>end_time</c>, <c>created_at</c>, <c>updated_at</c>); the server's default when null.</summary>
    public string? SortBy { get; init; }

    /// <summary>The sort direction; the server's default when null.</summary>
    public ListSortDirection? SortOrder { get; init; }
}

using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using SharedSource;
using WxO.Client.Primitives;

namespace LangGraph.Client;

public sealed partial class LangGraphRunsClient
{
    private static readonly RunEndpoint GetThreadStateEndpoint = new("GetThreadState", "GET", "/threads/{thread_id}/state");
    private static readonly RunEndpoint GetThreadStateAtCheckpointEndpoint = new("GetThreadStateAtCheckpoint", "POST", "/threads/{thread_id}/state/checkpoint");
    private static readonly RunEndpoint UpdateThreadStateEndpoint = new("UpdateThreadState", "POST", "/threads/{thread_id}/state");
    private static readonly RunEndpoint GetThreadHistoryEndpoint = new("GetThreadHistory", "POST", "/threads/{thread_id}/history");
    private static readonly RunEndpoint CopyThreadEndpoint = new("CopyThread", "POST", "/threads/{thread_id}/copy");
    private static readonly RunEndpoint SearchThreadsEndpoint = new("SearchThreads", "POST", "/threads/search");
    private static readonly RunEndpoint CountThreadsEndpoint = new("CountThreads", "POST", "/threads/count");
    private static readonly RunEndpoint UpdateThreadEndpoint = new("UpdateThread", "PATCH", "/threads/{thread_id}");
    private static readonly RunEndpoint DeleteThreadEndpoint = new("DeleteThread", "DELETE", "/threads/{thread_id}");

    /// <inheritdoc />
    public Task<LangGraphThreadState> GetThreadStateAsync(Guid threadId, ThreadCheckpoint? checkpoint = null, bool subgraphs = false, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        if (checkpoint is null)
        {
            // Servers read any "subgraphs" value as true (a coerced boolean), so it is only sent when true.
            return Pipeline.SendAsync(
                GetThreadStateEndpoint, (Api: _api, ThreadId: threadId, Subgraphs: subgraphs ? "true" : null),
                static (s, ct) => s.Api.GetThreadStateAsync(s.ThreadId, s.Subgraphs, ct),
                LangGraphJsonContext.Default.LangGraphThreadState, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(checkpoint.CheckpointId))
        {
            throw new ArgumentException("The checkpoint needs its CheckpointId (e.g. a LangGraphThreadState.Checkpoint from the thread's history); pass null for the latest state.", nameof(checkpoint));
        }

        return Pipeline.SendAsync(
            GetThreadStateAtCheckpointEndpoint, (Api: _api, ThreadId: threadId, Body: new ThreadStateAtCheckpointBody(checkpoint, subgraphs ? true : null)),
            static (s, ct) => s.Api.GetThreadStateAtCheckpointAsync(s.ThreadId, s.Body, ct),
            LangGraphJsonContext.Default.LangGraphThreadState, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ThreadCheckpoint> UpdateThreadStateAsync(Guid threadId, ThreadStateUpdate update, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ArgumentNullException.ThrowIfNull(update);
        if (update.Values is null && update.AsNode is null)
        {
            throw new ArgumentException("ThreadStateUpdate needs Values, AsNode or both: an update with neither changes nothing.", nameof(update));
        }

        if (update.AsNode is { } node && string.IsNullOrWhiteSpace(node))
        {
            throw new ArgumentException("ThreadStateUpdate.AsNode must be a node name, or null for the last node that ran.", nameof(update));
        }

        var answer = await Pipeline.SendAsync(
            UpdateThreadStateEndpoint, (Api: _api, ThreadId: threadId, Update: update),
            static (s, ct) => s.Api.UpdateThreadStateAsync(s.ThreadId, s.Update, ct),
            LangGraphJsonContext.Default.ThreadStateUpdateResponse,
            validate: static (_, answer) => answer.Checkpoint is null ? "it names no checkpoint" : null,
            threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return answer.Checkpoint!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LangGraphThreadState>> GetThreadHistoryAsync(
        Guid threadId, int? limit = null, string? before = null, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidatePage(limit, offset: null);
        if (before is not null && string.IsNullOrWhiteSpace(before))
        {
            throw new ArgumentException("The 'before' checkpoint id must not be empty; pass null for the newest checkpoints.", nameof(before));
        }

        var states = await Pipeline.SendAsync(
            GetThreadHistoryEndpoint, (Api: _api, ThreadId: threadId, Body: new ThreadHistoryBody(limit, before, metadata)),
            static (s, ct) => s.Api.GetThreadHistoryAsync(s.ThreadId, s.Body, ct),
            LangGraphJsonContext.Default.IReadOnlyListLangGraphThreadState, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return states.WithoutNulls();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LangGraphThreadState> EnumerateThreadHistoryAsync(Guid threadId, int pageSize = 100, JsonObject? metadata = null, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ValidatePageSize(pageSize);
        // Paged by cursor: each page asks for the checkpoints before the last one yielded. A checkpoint without an id
        // cannot be paged past, so it ends the iteration (its key repeats).
        return Pages.EnumerateAsync<LangGraphThreadState, string>(
            (_, last, ct) => GetThreadHistoryAsync(threadId, pageSize, last?.Checkpoint?.CheckpointId, metadata, ct),
            static state => state.Checkpoint?.CheckpointId ?? string.Empty, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphThread> CopyThreadAsync(Guid threadId, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        return Pipeline.SendAsync(
            CopyThreadEndpoint, (Api: _api, ThreadId: threadId), static (s, ct) => s.Api.CopyThreadAsync(s.ThreadId, ct),
            LangGraphJsonContext.Default.LangGraphThread, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LangGraphThread>> SearchThreadsAsync(
        ThreadQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        ValidatePage(limit, offset);
        ValidateQuery(query);
        var threads = await Pipeline.SendAsync(
            SearchThreadsEndpoint, (Api: _api, Body: ThreadSearchBody.Of(query, limit, offset, count: false)),
            static (s, ct) => s.Api.SearchThreadsAsync(s.Body, ct),
            LangGraphJsonContext.Default.IReadOnlyListLangGraphThread, cancellationToken: cancellationToken).ConfigureAwait(false);
        return threads.WithoutNulls();
    }

    /// <inheritdoc />
    public IAsyncEnumerable<LangGraphThread> EnumerateThreadsAsync(ThreadQuery? query = null, int pageSize = 100, CancellationToken cancellationToken = default)
    {
        ValidatePageSize(pageSize);
        ValidateQuery(query);
        return Pages.EnumerateAsync<LangGraphThread, Guid>(
            (offset, _, ct) => SearchThreadsAsync(query, pageSize, offset, ct), static thread => thread.ThreadId, pageSize, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountThreadsAsync(ThreadQuery? query = null, CancellationToken cancellationToken = default)
    {
        ValidateQuery(query);
        if (query?.Ids is not null)
        {
            throw new ArgumentException("ThreadQuery.Ids is not accepted by a count (the server's count has no id filter); count the ids yourself.", nameof(query));
        }

        return Pipeline.SendAsync(
            CountThreadsEndpoint, (Api: _api, Body: ThreadSearchBody.Of(query, null, null, count: true)),
            static (s, ct) => s.Api.CountThreadsAsync(s.Body, ct),
            LangGraphJsonContext.Default.Int32, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphThread> UpdateThreadAsync(Guid threadId, JsonObject metadata, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ArgumentNullException.ThrowIfNull(metadata);
        return Pipeline.SendAsync(
            UpdateThreadEndpoint, (Api: _api, ThreadId: threadId, Body: new ThreadPatchBody(metadata)),
            static (s, ct) => s.Api.UpdateThreadAsync(s.ThreadId, s.Body, ct),
            LangGraphJsonContext.Default.LangGraphThread, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteThreadAsync(Guid threadId, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        return Pipeline.SendWithoutResultAsync(
            DeleteThreadEndpoint, (Api: _api, ThreadId: threadId), static (s, ct) => s.Api.DeleteThreadAsync(s.ThreadId, ct),
            threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    private static void ValidateQuery(ThreadQuery? query)
    {
        if (query is null)
        {
            return;
        }

        if (query.Ids?.Contains(Guid.Empty) == true || query.Ids is { Count: 0 })
        {
            throw new ArgumentException("ThreadQuery.Ids must hold thread ids (no Guid.Empty); leave it null for every thread.", nameof(query));
        }

        if (ThreadRunRequest.IsBlank(query.Status))
        {
            throw new ArgumentException("ThreadQuery.Status needs a value (e.g. ThreadStatus.Idle), not default; leave it null for every status.", nameof(query));
        }

        ValidateSort(query.SortBy, query.SortOrder, nameof(query));
    }
}

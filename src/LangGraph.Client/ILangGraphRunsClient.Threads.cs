using System.Text.Json.Nodes;
using LangGraph.Client.Models;

namespace LangGraph.Client;

// Threads: their state (read, edit, history) and their lifecycle (search, count, copy, update, delete).
public partial interface ILangGraphRunsClient
{
    /// <summary>
    /// Reads a thread's state (<c>GET /threads/{thread_id}/state</c>): the latest checkpoint, or the one given
    /// (<c>POST /threads/{thread_id}/state/checkpoint</c>, e.g. a <see cref="LangGraphThreadState.Checkpoint"/> from the history).
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="checkpoint">The checkpoint to read (its <see cref="ThreadCheckpoint.CheckpointId"/>, and namespace for a subgraph's); the latest when null.</param>
    /// <param name="subgraphs">Also read the state of the subgraphs the pending tasks run (<see cref="ThreadTask.State"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphThreadState> GetThreadStateAsync(Guid threadId, ThreadCheckpoint? checkpoint = null, bool subgraphs = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Edits a thread's state (<c>POST /threads/{thread_id}/state</c>): writes <see cref="ThreadStateUpdate.Values"/> as if
    /// <see cref="ThreadStateUpdate.AsNode"/> had just run, making a new checkpoint. Human in the loop: correct what the graph
    /// wrote while it waits, then resume it (a run with <see cref="RunCommand.Resume"/>); the resumed run sees the edit.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="update">The values, the node they are written as, and the checkpoint to edit (the latest when null).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The checkpoint the edit made.</returns>
    Task<ThreadCheckpoint> UpdateThreadStateAsync(Guid threadId, ThreadStateUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a thread's checkpoints, newest first (<c>POST /threads/{thread_id}/history</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="limit">Checkpoints per page (1–1000); the server's default (10) when null.</param>
    /// <param name="before">Only checkpoints older than this checkpoint id (the last <see cref="ThreadCheckpoint.CheckpointId"/> of the previous page).</param>
    /// <param name="metadata">Only checkpoints whose metadata contains every one of these key/value pairs (e.g. <c>{"source": "input"}</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LangGraphThreadState>> GetThreadHistoryAsync(
        Guid threadId, int? limit = null, string? before = null, JsonObject? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over every checkpoint of a thread, newest first, one page request at a time as you consume them (paged by
    /// <c>before</c>). Yields each checkpoint once and ends on a short page or one that brings no new checkpoint, so it never loops.
    /// </summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="pageSize">Checkpoints per request (1–1000).</param>
    /// <param name="metadata">Only checkpoints whose metadata contains every one of these key/value pairs.</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    IAsyncEnumerable<LangGraphThreadState> EnumerateThreadHistoryAsync(
        Guid threadId, int pageSize = 100, JsonObject? metadata = null, CancellationToken cancellationToken = default);

    /// <summary>Copies a thread with its whole history into a new thread (<c>POST /threads/{thread_id}/copy</c>), e.g. to try another path.</summary>
    /// <param name="threadId">The thread to copy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new thread.</returns>
    Task<LangGraphThread> CopyThreadAsync(Guid threadId, CancellationToken cancellationToken = default);

    /// <summary>Finds threads (<c>POST /threads/search</c>): one page, newest first unless the query sorts otherwise.</summary>
    /// <param name="query">The filters and sort; every thread when null.</param>
    /// <param name="limit">Threads per page (1–1000); the server's default (10) when null.</param>
    /// <param name="offset">Threads to skip (≥ 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LangGraphThread>> SearchThreadsAsync(
        ThreadQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over every thread the query finds, one page request at a time as you consume them. Yields each thread once
    /// and ends on a short page or one that brings no new thread, so it never loops.
    /// </summary>
    /// <param name="query">The filters and sort; every thread when null.</param>
    /// <param name="pageSize">Threads per request (1–1000).</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    IAsyncEnumerable<LangGraphThread> EnumerateThreadsAsync(ThreadQuery? query = null, int pageSize = 100, CancellationToken cancellationToken = default);

    /// <summary>Counts the threads a query finds (<c>POST /threads/count</c>).</summary>
    /// <param name="query">The filters (<see cref="ThreadQuery.Ids"/> is not accepted here); every thread when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<int> CountThreadsAsync(ThreadQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Merges metadata into a thread's (<c>PATCH /threads/{thread_id}</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="metadata">The keys to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The thread as updated.</returns>
    Task<LangGraphThread> UpdateThreadAsync(Guid threadId, JsonObject metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes a thread with its runs and checkpoints (<c>DELETE /threads/{thread_id}</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteThreadAsync(Guid threadId, CancellationToken cancellationToken = default);
}

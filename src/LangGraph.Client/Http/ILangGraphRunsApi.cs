using LangGraph.Client.Models;
using Refit;
using WxO.Client.Primitives;

namespace LangGraph.Client.Http;

/// <summary>
/// The Agent Server's runs, threads, crons and assistants endpoints as a Refit interface (source-generated). Every method returns the raw
/// answer: the shared pipeline checks, maps and reads it. The <c>[Property]</c> flags tell the pipeline which requests
/// start a run (never retried once sent), stream, or long-poll.
/// </summary>
internal interface ILangGraphRunsApi
{
    [Get("/threads/{threadId}/runs/{runId}")]
    Task<HttpResponseMessage> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken);

    [Get("/threads/{threadId}/runs")]
    Task<HttpResponseMessage> ListThreadRunsAsync(Guid threadId, int? limit, int? offset, string? status, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/runs")]
    Task<HttpResponseMessage> CreateThreadRunAsync(
        Guid threadId, [Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/runs/stream")]
    Task<HttpResponseMessage> StreamThreadRunAsync(
        Guid threadId, [Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun,
        [Property(RunRequestOptions.Streaming)] bool streaming, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/runs/wait")]
    Task<HttpResponseMessage> CreateThreadRunAndWaitAsync(
        Guid threadId, [Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun,
        [Property(RunRequestOptions.LongPoll)] bool longPoll, CancellationToken cancellationToken);

    [Get("/threads/{threadId}/runs/{runId}/join")]
    Task<HttpResponseMessage> JoinThreadRunAsync(Guid threadId, Guid runId, [Property(RunRequestOptions.LongPoll)] bool longPoll, CancellationToken cancellationToken);

    [Get("/threads/{threadId}/runs/{runId}/stream")]
    Task<HttpResponseMessage> JoinThreadRunStreamAsync(
        Guid threadId, Guid runId, [Header("Last-Event-ID")] string? lastEventId,
        [Query(CollectionFormat.Multi), AliasAs("stream_mode")] IEnumerable<string>? streamMode, [AliasAs("stream_subgraphs")] string? streamSubgraphs,
        [Property(RunRequestOptions.Streaming)] bool streaming, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/runs/{runId}/cancel")]
    Task<HttpResponseMessage> CancelThreadRunAsync(Guid threadId, Guid runId, string action, string? wait, CancellationToken cancellationToken);

    [Delete("/threads/{threadId}/runs/{runId}")]
    Task<HttpResponseMessage> DeleteThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken);

    [Post("/threads")]
    Task<HttpResponseMessage> CreateThreadAsync([Body] LangGraphThreadRequest request, CancellationToken cancellationToken);

    [Get("/threads/{threadId}")]
    Task<HttpResponseMessage> GetThreadAsync(Guid threadId, CancellationToken cancellationToken);

    [Get("/threads/{threadId}/state")]
    Task<HttpResponseMessage> GetThreadStateAsync(Guid threadId, string? subgraphs, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/state/checkpoint")]
    Task<HttpResponseMessage> GetThreadStateAtCheckpointAsync(Guid threadId, [Body] ThreadStateAtCheckpointBody body, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/state")]
    Task<HttpResponseMessage> UpdateThreadStateAsync(Guid threadId, [Body] ThreadStateUpdate update, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/history")]
    Task<HttpResponseMessage> GetThreadHistoryAsync(Guid threadId, [Body] ThreadHistoryBody body, CancellationToken cancellationToken);

    [Post("/threads/{threadId}/copy")]
    Task<HttpResponseMessage> CopyThreadAsync(Guid threadId, CancellationToken cancellationToken);

    [Post("/threads/search")]
    Task<HttpResponseMessage> SearchThreadsAsync([Body] ThreadSearchBody body, CancellationToken cancellationToken);

    [Post("/threads/count")]
    Task<HttpResponseMessage> CountThreadsAsync([Body] ThreadSearchBody body, CancellationToken cancellationToken);

    [Patch("/threads/{threadId}")]
    Task<HttpResponseMessage> UpdateThreadAsync(Guid threadId, [Body] ThreadPatchBody body, CancellationToken cancellationToken);

    [Delete("/threads/{threadId}")]
    Task<HttpResponseMessage> DeleteThreadAsync(Guid threadId, CancellationToken cancellationToken);

    // Stateless runs: no thread of the caller's (the server makes one for the run, deleted afterwards by default).

    [Post("/runs")]
    Task<HttpResponseMessage> CreateRunAsync([Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun, CancellationToken cancellationToken);

    [Post("/runs/stream")]
    Task<HttpResponseMessage> StreamRunAsync(
        [Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun,
        [Property(RunRequestOptions.Streaming)] bool streaming, CancellationToken cancellationToken);

    /// <summary>Re-joins a stateless run's stream: LangGraph.js servers only (not in the Python server's API).</summary>
    [Get("/runs/{runId}/stream")]
    Task<HttpResponseMessage> JoinRunStreamAsync(Guid runId, [Header("Last-Event-ID")] string? lastEventId, [Property(RunRequestOptions.Streaming)] bool streaming, CancellationToken cancellationToken);

    [Post("/runs/wait")]
    Task<HttpResponseMessage> CreateRunAndWaitAsync(
        [Body] ThreadRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun,
        [Property(RunRequestOptions.LongPoll)] bool longPoll, CancellationToken cancellationToken);

    [Post("/runs/batch")]
    Task<HttpResponseMessage> CreateRunsAsync([Body] ThreadRunRequest[] requests, [Property(RunRequestOptions.CreatesRun)] bool createsRun, CancellationToken cancellationToken);

    [Post("/runs/cancel")]
    Task<HttpResponseMessage> CancelRunsAsync([Body] RunsCancelBody body, string action, CancellationToken cancellationToken);

    // Crons.

    [Post("/threads/{threadId}/runs/crons")]
    Task<HttpResponseMessage> CreateThreadCronAsync(Guid threadId, [Body] CronRequest request, CancellationToken cancellationToken);

    [Post("/runs/crons")]
    Task<HttpResponseMessage> CreateCronAsync([Body] CronRequest request, CancellationToken cancellationToken);

    [Post("/runs/crons/search")]
    Task<HttpResponseMessage> SearchCronsAsync([Body] CronSearchBody body, CancellationToken cancellationToken);

    [Post("/runs/crons/count")]
    Task<HttpResponseMessage> CountCronsAsync([Body] CronSearchBody body, CancellationToken cancellationToken);

    [Patch("/runs/crons/{cronId}")]
    Task<HttpResponseMessage> UpdateCronAsync(Guid cronId, [Body] CronUpdate update, CancellationToken cancellationToken);

    [Delete("/runs/crons/{cronId}")]
    Task<HttpResponseMessage> DeleteCronAsync(Guid cronId, CancellationToken cancellationToken);

    // Assistants: addressed by assistant id or graph id (the server maps a graph id to the assistant it made for it).

    [Post("/assistants/search")]
    Task<HttpResponseMessage> SearchAssistantsAsync([Body] AssistantSearchBody body, CancellationToken cancellationToken);

    [Post("/assistants/count")]
    Task<HttpResponseMessage> CountAssistantsAsync([Body] AssistantSearchBody body, CancellationToken cancellationToken);

    [Get("/assistants/{assistantId}")]
    Task<HttpResponseMessage> GetAssistantAsync(string assistantId, CancellationToken cancellationToken);

    [Get("/assistants/{assistantId}/graph")]
    Task<HttpResponseMessage> GetAssistantGraphAsync(string assistantId, string? xray, CancellationToken cancellationToken);

    [Get("/assistants/{assistantId}/schemas")]
    Task<HttpResponseMessage> GetAssistantSchemasAsync(string assistantId, CancellationToken cancellationToken);

    [Get("/assistants/{assistantId}/subgraphs")]
    Task<HttpResponseMessage> GetAssistantSubgraphsAsync(string assistantId, string? recurse, CancellationToken cancellationToken);

    [Get("/assistants/{assistantId}/subgraphs/{ns}")]
    Task<HttpResponseMessage> GetAssistantSubgraphsInAsync(string assistantId, [AliasAs("ns")] string ns, string? recurse, CancellationToken cancellationToken);

    [Post("/assistants/{assistantId}/versions")]
    Task<HttpResponseMessage> GetAssistantVersionsAsync(string assistantId, [Body] AssistantVersionsBody body, CancellationToken cancellationToken);

    /// <summary>The version goes in the query (the spec) and in the body (LangGraph.js and the Python SDK send <c>{"version"}</c>).</summary>
    [Post("/assistants/{assistantId}/latest")]
    Task<HttpResponseMessage> SetLatestAssistantVersionAsync(string assistantId, int version, [Body] LatestVersionBody body, CancellationToken cancellationToken);

    [Post("/assistants")]
    Task<HttpResponseMessage> CreateAssistantAsync([Body] AssistantRequest request, CancellationToken cancellationToken);

    [Patch("/assistants/{assistantId}")]
    Task<HttpResponseMessage> UpdateAssistantAsync(string assistantId, [Body] AssistantUpdate update, CancellationToken cancellationToken);

    [Delete("/assistants/{assistantId}")]
    Task<HttpResponseMessage> DeleteAssistantAsync(string assistantId, [AliasAs("delete_threads")] string? deleteThreads, CancellationToken cancellationToken);
}

using LangGraph.Client.Models;
using Refit;
using WxO.Client.Primitives;

namespace LangGraph.Client.Http;

/// <summary>
/// The Agent Server's runs and threads endpoints as a Refit interface (source-generated). Every method returns the raw
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
    Task<HttpResponseMessage> GetThreadStateAsync(Guid threadId, CancellationToken cancellationToken);
}

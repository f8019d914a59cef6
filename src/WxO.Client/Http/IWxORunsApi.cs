using Refit;
using WxO.Client.Models;
using WxO.Client.Primitives;

namespace WxO.Client.Http;

/// <summary>
/// The Orchestrate runs endpoints, as a Refit interface implemented by Refit's source generator. Returns raw responses
/// so the shared pipeline checks, maps and reads them; the <c>[Property]</c> flags mark requests that start a run
/// (never retried once sent) and streams.
/// </summary>
internal interface IWxORunsApi
{
    [Get("/v1/orchestrate/runs/{runId}")]
    Task<HttpResponseMessage> GetRunAsync(string runId, CancellationToken cancellationToken);

    [Get("/v1/orchestrate/runs")]
    Task<HttpResponseMessage> ListRunsAsync(int? limit, int? offset, CancellationToken cancellationToken);

    [Post("/v1/orchestrate/runs")]
    Task<HttpResponseMessage> CreateRunAsync([Body] CreateRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun, CancellationToken cancellationToken);

    [Post("/v1/orchestrate/runs/stream")]
    Task<HttpResponseMessage> StreamRunAsync(
        [Body] CreateRunRequest request, [Property(RunRequestOptions.CreatesRun)] bool createsRun,
        [Property(RunRequestOptions.Streaming)] bool streaming, CancellationToken cancellationToken);

    [Post("/v1/orchestrate/runs/cancel/{runId}")]
    Task<HttpResponseMessage> CancelRunAsync(string runId, CancellationToken cancellationToken);

    [Get("/v1/orchestrate/runs/{runId}/events")]
    Task<HttpResponseMessage> GetRunEventsAsync(string runId, CancellationToken cancellationToken);

    [Get("/v1/orchestrate/threads/{threadId}/messages")]
    Task<HttpResponseMessage> GetThreadMessagesAsync(string threadId, CancellationToken cancellationToken);
}

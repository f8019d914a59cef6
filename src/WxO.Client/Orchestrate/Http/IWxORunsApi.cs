using Refit;

namespace WxO.Client.Http;

/// <summary>
/// The Orchestrate runs endpoints, as a Refit interface implemented by Refit's source generator.
/// Returns raw responses so that error mapping and deserialization happen in one place
/// (<see cref="RunResponseReader"/>) for every client.
/// </summary>
internal interface IWxORunsApi
{
    [Get("/v1/orchestrate/runs/{runId}")]
    Task<HttpResponseMessage> GetRunAsync(string runId, CancellationToken cancellationToken);

    [Get("/v1/orchestrate/runs")]
    Task<HttpResponseMessage> ListRunsAsync(int? limit, int? offset, CancellationToken cancellationToken);
}

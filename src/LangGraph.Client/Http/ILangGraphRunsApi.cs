using Refit;

namespace LangGraph.Client.Http;

/// <summary>The thread-run endpoint as a Refit interface (source-generated); responses are read by WxO.Client's shared reader.</summary>
internal interface ILangGraphRunsApi
{
    [Get("/threads/{threadId}/runs/{runId}")]
    Task<HttpResponseMessage> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken);
}

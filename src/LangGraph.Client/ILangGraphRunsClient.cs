using LangGraph.Client.Models;
using WxO.Client;

namespace LangGraph.Client;

/// <summary>Reads LangGraph / LangSmith Agent Server thread runs. Also an <see cref="IRunSource"/> named <c>"langgraph"</c>.</summary>
public interface ILangGraphRunsClient : IRunSource
{
    /// <summary>Reads one run of a thread (<c>GET /threads/{thread_id}/runs/{run_id}</c>).</summary>
    /// <param name="threadId">The thread id.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/> (no request is made).</exception>
    /// <exception cref="RunNotFoundException">No such run on that thread.</exception>
    /// <exception cref="RunAuthenticationException">The API key or token was rejected.</exception>
    /// <exception cref="RunApiException">Any other error answer, or a body that is not a run.</exception>
    /// <exception cref="TimeoutException">The call did not finish within the configured timeout.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached, after retries.</exception>
    Task<ThreadRun> GetThreadRunAsync(Guid threadId, Guid runId, CancellationToken cancellationToken = default);
}

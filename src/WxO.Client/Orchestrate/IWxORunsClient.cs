using WxO.Client.Models;

namespace WxO.Client;

/// <summary>Reads IBM watsonx Orchestrate runs. Also an <see cref="IRunSource"/> named <c>"wxo"</c>.</summary>
public interface IWxORunsClient : IRunSource
{
    /// <summary>Reads one run (<c>GET /v1/orchestrate/runs/{run_id}</c>).</summary>
    /// <param name="runId">The run id; sent as one escaped path segment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is empty, whitespace, <c>.</c> or <c>..</c> (no request is made).</exception>
    /// <exception cref="RunNotFoundException">No such run.</exception>
    /// <exception cref="RunAuthenticationException">The credentials were rejected.</exception>
    /// <exception cref="RunApiException">Any other error answer, or a body that is not a run.</exception>
    /// <exception cref="TimeoutException">The call did not finish within the configured timeout.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached, after retries.</exception>
    Task<AssistantRun> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of runs (<c>GET /v1/orchestrate/runs?limit=&amp;offset=</c>).</summary>
    /// <param name="limit">Page size (≥ 1); the server's default when null.</param>
    /// <param name="offset">Runs to skip (≥ 0); 0 when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> &lt; 1 or <paramref name="offset"/> &lt; 0 (no request is made).</exception>
    Task<AssistantRunPage> ListRunsAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Iterates over all runs, one page request at a time as you consume them. Ends when the offset reaches
    /// <c>total</c>, on an empty or short page, or when a page brings no new run (a server that ignores
    /// <c>offset</c> cannot make it loop forever). Runs repeated from the previous page are skipped.
    /// </summary>
    /// <param name="pageSize">Runs per request (≥ 1).</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> &lt; 1 (thrown before any request).</exception>
    IAsyncEnumerable<AssistantRun> EnumerateRunsAsync(int pageSize = 100, CancellationToken cancellationToken = default);
}

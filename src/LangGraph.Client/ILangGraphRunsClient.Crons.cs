using LangGraph.Client.Models;

namespace LangGraph.Client;

// Crons: runs started on a schedule. Served by LangGraph Platform / Python servers; LangGraph.js dev servers answer 500.
public partial interface ILangGraphRunsClient
{
    /// <summary>Schedules runs on a thread (<c>POST /threads/{thread_id}/runs/crons</c>).</summary>
    /// <param name="threadId">The thread each run works on.</param>
    /// <param name="request">The schedule and the run each tick starts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphCron> CreateThreadCronAsync(Guid threadId, CronRequest request, CancellationToken cancellationToken = default);

    /// <summary>Schedules stateless runs, each on a new thread (<c>POST /runs/crons</c>).</summary>
    /// <param name="request">The schedule and the run each tick starts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphCron> CreateCronAsync(CronRequest request, CancellationToken cancellationToken = default);

    /// <summary>Finds crons (<c>POST /runs/crons/search</c>): one page.</summary>
    /// <param name="query">The filters and sort; every cron when null.</param>
    /// <param name="limit">Crons per page (1–1000); the server's default (10) when null.</param>
    /// <param name="offset">Crons to skip (≥ 0).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<LangGraphCron>> SearchCronsAsync(CronQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>Counts the crons a query finds (<c>POST /runs/crons/count</c>).</summary>
    /// <param name="query">The filters (<see cref="CronQuery.Enabled"/> is not accepted here); every cron when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<int> CountCronsAsync(CronQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a cron (<c>PATCH /runs/crons/{cron_id}</c>), e.g. its schedule, or <see cref="CronUpdate.Enabled"/> false to pause it.</summary>
    /// <param name="cronId">The cron id.</param>
    /// <param name="update">What changes; what is null stays.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<LangGraphCron> UpdateCronAsync(Guid cronId, CronUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a cron (<c>DELETE /runs/crons/{cron_id}</c>); runs it already started go on.</summary>
    /// <param name="cronId">The cron id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task DeleteCronAsync(Guid cronId, CancellationToken cancellationToken = default);
}

using LangGraph.Client.Models;
using LangGraph.Client.Serialization;
using SharedSource;
using WxO.Client.Primitives;

namespace LangGraph.Client;

public sealed partial class LangGraphRunsClient
{
    private static readonly RunEndpoint CreateThreadCronEndpoint = new("CreateThreadCron", "POST", "/threads/{thread_id}/runs/crons");
    private static readonly RunEndpoint CreateCronEndpoint = new("CreateCron", "POST", "/runs/crons");
    private static readonly RunEndpoint SearchCronsEndpoint = new("SearchCrons", "POST", "/runs/crons/search");
    private static readonly RunEndpoint CountCronsEndpoint = new("CountCrons", "POST", "/runs/crons/count");
    private static readonly RunEndpoint UpdateCronEndpoint = new("UpdateCron", "PATCH", "/runs/crons/{cron_id}");
    private static readonly RunEndpoint DeleteCronEndpoint = new("DeleteCron", "DELETE", "/runs/crons/{cron_id}");

    /// <inheritdoc />
    public Task<LangGraphCron> CreateThreadCronAsync(Guid threadId, CronRequest request, CancellationToken cancellationToken = default)
    {
        ValidateIds(threadId);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request), onThread: true);
        return Pipeline.SendAsync(
            CreateThreadCronEndpoint, (Api: _api, ThreadId: threadId, Request: request),
            static (s, ct) => s.Api.CreateThreadCronAsync(s.ThreadId, s.Request, ct),
            LangGraphJsonContext.Default.LangGraphCron, threadId: Pipeline.SpanTag(threadId), cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphCron> CreateCronAsync(CronRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(nameof(request), onThread: false);
        return Pipeline.SendAsync(
            CreateCronEndpoint, (Api: _api, Request: request), static (s, ct) => s.Api.CreateCronAsync(s.Request, ct),
            LangGraphJsonContext.Default.LangGraphCron, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LangGraphCron>> SearchCronsAsync(CronQuery? query = null, int? limit = null, int? offset = null, CancellationToken cancellationToken = default)
    {
        ValidatePage(limit, offset);
        ValidateQuery(query);
        var crons = await Pipeline.SendAsync(
            SearchCronsEndpoint, (Api: _api, Body: CronSearchBody.Of(query, limit, offset, count: false)),
            static (s, ct) => s.Api.SearchCronsAsync(s.Body, ct),
            LangGraphJsonContext.Default.IReadOnlyListLangGraphCron, cancellationToken: cancellationToken).ConfigureAwait(false);
        return crons.WithoutNulls();
    }

    /// <inheritdoc />
    public Task<int> CountCronsAsync(CronQuery? query = null, CancellationToken cancellationToken = default)
    {
        ValidateQuery(query);
        if (query?.Enabled is not null)
        {
            throw new ArgumentException("CronQuery.Enabled is not accepted by a count (the server's count has no such filter).", nameof(query));
        }

        return Pipeline.SendAsync(
            CountCronsEndpoint, (Api: _api, Body: CronSearchBody.Of(query, null, null, count: true)),
            static (s, ct) => s.Api.CountCronsAsync(s.Body, ct),
            LangGraphJsonContext.Default.Int32, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task<LangGraphCron> UpdateCronAsync(Guid cronId, CronUpdate update, CancellationToken cancellationToken = default)
    {
        ValidateCronId(cronId);
        ArgumentNullException.ThrowIfNull(update);
        if (update == new CronUpdate())
        {
            throw new ArgumentException("The CronUpdate changes nothing: set at least one property.", nameof(update));
        }

        if (ThreadRunRequest.IsBlank(update.OnRunCompleted) || ThreadRunRequest.IsBlank(update.Durability))
        {
            throw new ArgumentException("CronUpdate: OnRunCompleted and Durability need a value (e.g. RunOnCompletion.Keep), not default.", nameof(update));
        }

        if (update.InterruptBefore is { Count: 0 } || update.InterruptAfter is { Count: 0 })
        {
            throw new ArgumentException("CronUpdate: an empty InterruptBefore or InterruptAfter list is not allowed; leave it null to keep the cron's.", nameof(update));
        }

        return Pipeline.SendAsync(
            UpdateCronEndpoint, (Api: _api, CronId: cronId, Update: update), static (s, ct) => s.Api.UpdateCronAsync(s.CronId, s.Update, ct),
            LangGraphJsonContext.Default.LangGraphCron, cancellationToken: cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteCronAsync(Guid cronId, CancellationToken cancellationToken = default)
    {
        ValidateCronId(cronId);
        return Pipeline.SendWithoutResultAsync(
            DeleteCronEndpoint, (Api: _api, CronId: cronId), static (s, ct) => s.Api.DeleteCronAsync(s.CronId, ct), cancellationToken: cancellationToken);
    }

    private static void ValidateCronId(Guid cronId)
    {
        if (cronId == Guid.Empty)
        {
            throw new ArgumentException("The cron id must not be Guid.Empty.", nameof(cronId));
        }
    }

    private static void ValidateQuery(CronQuery? query)
    {
        if (query is null)
        {
            return;
        }

        if (query.AssistantId == Guid.Empty || query.ThreadId == Guid.Empty)
        {
            throw new ArgumentException("CronQuery.AssistantId and ThreadId must not be Guid.Empty; leave them null for every one.", nameof(query));
        }

        ValidateSort(query.SortBy, query.SortOrder, nameof(query));
    }
}

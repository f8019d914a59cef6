using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WxO.Client.Serialization;

namespace WxO.Client.Models;

/// <summary>
/// Builds the models the Orchestrate API returns, for tests and fakes. Received models are read-only: their setters
/// are internal so that System.Text.Json fills them on its fast path (setters, not a constructor with one boxed
/// argument per field), and so that a run you received cannot change under you.
/// </summary>
public static class WxOModelFactory
{
    /// <summary>
    /// The SDK's source-generated JSON metadata for these models. Another assembly's <c>JsonSerializerContext</c> cannot
    /// fill their internal setters, so to write or read runs yourself (an ASP.NET endpoint returning a run, a cache),
    /// add this to your options: <c>options.TypeInfoResolverChain.Insert(0, WxOModelFactory.JsonTypeInfoResolver)</c>.
    /// Trimming- and AOT-safe.
    /// </summary>
    public static IJsonTypeInfoResolver JsonTypeInfoResolver => WxOJsonContext.Default;

    /// <summary>A run, as <see cref="IWxORunsClient.GetRunAsync"/> would return it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public static AssistantRun AssistantRun(
        string id,
        AssistantRunStatus? status = null,
        string? tenantId = null,
        string? assistantId = null,
        string? agentId = null,
        string? threadId = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? startedAt = null,
        DateTimeOffset? completedAt = null,
        DateTimeOffset? failedAt = null,
        DateTimeOffset? cancelledAt = null,
        TextGenerationParameters? llmParams = null,
        IReadOnlyDictionary<string, JsonElement>? usage = null,
        string? lastError = null,
        IReadOnlyDictionary<string, JsonElement>? result = null,
        Guardrails? guardrails = null,
        IReadOnlyDictionary<string, JsonElement>? additionalParameters = null,
        string? traceId = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new()
        {
            Id = id,
            Status = status,
            TenantId = tenantId,
            AssistantId = assistantId,
            AgentId = agentId,
            ThreadId = threadId,
            CreatedAt = createdAt,
            StartedAt = startedAt,
            CompletedAt = completedAt,
            FailedAt = failedAt,
            CancelledAt = cancelledAt,
            LlmParams = llmParams,
            Usage = usage,
            LastError = lastError,
            Result = result,
            Guardrails = guardrails,
            AdditionalParameters = additionalParameters,
            TraceId = traceId,
            AdditionalProperties = additionalProperties,
        };
    }

    /// <summary>A page of runs, as <see cref="IWxORunsClient.ListRunsAsync"/> would return it.</summary>
    public static AssistantRunPage AssistantRunPage(
        IReadOnlyList<AssistantRun>? data = null,
        long? total = null,
        int? limit = null,
        long? offset = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new() { Data = data ?? [], Total = total, Limit = limit, Offset = offset, AdditionalProperties = additionalProperties };

    /// <summary>An event of a run, as <see cref="IWxORunsClient.GetRunEventsAsync"/> or a stream would return it.</summary>
    public static AssistantRunEvent AssistantRunEvent(
        AssistantRunEventType @event,
        JsonElement data = default,
        string? id = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new() { Event = @event, Data = data, Id = id, AdditionalProperties = additionalProperties };

    /// <summary>The ids of a created run, as <see cref="IWxORunsClient.CreateRunAsync"/> would return them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="runId"/> is null.</exception>
    public static AssistantRunIds AssistantRunIds(
        string runId,
        string? threadId = null,
        string? taskId = null,
        string? messageId = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return new() { RunId = runId, ThreadId = threadId, TaskId = taskId, MessageId = messageId, AdditionalProperties = additionalProperties };
    }

    /// <summary>A message of a thread, as <see cref="IWxORunsClient.GetThreadMessagesAsync"/> would return it.</summary>
    public static ThreadMessage ThreadMessage(
        string? role,
        JsonElement content = default,
        string? id = null,
        string? threadId = null,
        string? parentMessageId = null,
        DateTimeOffset? createdOn = null,
        JsonElement stepHistory = default,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            Role = role, Content = content, Id = id, ThreadId = threadId, ParentMessageId = parentMessageId, CreatedOn = createdOn,
            StepHistory = stepHistory, AdditionalProperties = additionalProperties,
        };
}

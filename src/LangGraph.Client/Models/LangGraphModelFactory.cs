using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LangGraph.Client.Serialization;

namespace LangGraph.Client.Models;

/// <summary>
/// Builds the models the Agent Server returns, for tests and fakes. Received models are read-only: their setters are
/// internal so that System.Text.Json fills them on its fast path (setters, not a constructor with one boxed argument
/// per field), and so that a run you received cannot change under you.
/// </summary>
public static class LangGraphModelFactory
{
    /// <summary>
    /// The SDK's source-generated JSON metadata for these models. Another assembly's <c>JsonSerializerContext</c> cannot
    /// fill their internal setters, so to write or read runs yourself (an ASP.NET endpoint returning a run, a cache),
    /// add this to your options: <c>options.TypeInfoResolverChain.Insert(0, LangGraphModelFactory.JsonTypeInfoResolver)</c>.
    /// Trimming- and AOT-safe.
    /// </summary>
    public static IJsonTypeInfoResolver JsonTypeInfoResolver => LangGraphJsonContext.Default;

    /// <summary>A run on a thread, as <see cref="ILangGraphRunsClient.GetThreadRunAsync"/> would return it.</summary>
    public static ThreadRun ThreadRun(
        Guid runId,
        Guid threadId,
        ThreadRunStatus? status = null,
        Guid? assistantId = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        IReadOnlyDictionary<string, JsonElement>? metadata = null,
        IReadOnlyDictionary<string, JsonElement>? kwargs = null,
        MultitaskStrategy? multitaskStrategy = null,
        string? langSmithSessionName = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            RunId = runId,
            ThreadId = threadId,
            Status = status,
            AssistantId = assistantId,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Metadata = metadata,
            Kwargs = kwargs,
            MultitaskStrategy = multitaskStrategy,
            LangSmithSessionName = langSmithSessionName,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>A thread, as <see cref="ILangGraphRunsClient.CreateThreadAsync"/> would return it.</summary>
    public static LangGraphThread LangGraphThread(
        Guid threadId,
        ThreadStatus? status = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        DateTimeOffset? stateUpdatedAt = null,
        IReadOnlyDictionary<string, JsonElement>? metadata = null,
        IReadOnlyDictionary<string, JsonElement>? config = null,
        JsonElement? values = null,
        IReadOnlyDictionary<string, IReadOnlyList<ThreadInterrupt>>? interrupts = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            ThreadId = threadId,
            Status = status,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            StateUpdatedAt = stateUpdatedAt,
            Metadata = metadata,
            Config = config,
            Values = values,
            Interrupts = interrupts,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>An event of a run's stream, as <see cref="ILangGraphRunsClient.StreamThreadRunAsync"/> would yield it.</summary>
    public static ThreadRunEvent ThreadRunEvent(ThreadRunEventType @event, JsonElement data = default, string? id = null)
        => new() { Event = @event, Data = data, Id = id };

    /// <summary>An interrupt of a thread waiting for a human.</summary>
    public static ThreadInterrupt ThreadInterrupt(JsonElement value, string? id = null, IDictionary<string, JsonElement>? additionalProperties = null)
        => new() { Value = value, Id = id, AdditionalProperties = additionalProperties };

    /// <summary>A thread's state, as <see cref="ILangGraphRunsClient.GetThreadStateAsync"/> would return it.</summary>
    public static LangGraphThreadState LangGraphThreadState(
        JsonElement values,
        IReadOnlyList<string>? next = null,
        IReadOnlyList<ThreadTask>? tasks = null,
        ThreadCheckpoint? checkpoint = null,
        IReadOnlyDictionary<string, JsonElement>? metadata = null,
        DateTimeOffset? createdAt = null,
        ThreadCheckpoint? parentCheckpoint = null,
        IReadOnlyList<ThreadInterrupt>? interrupts = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            Values = values,
            Next = next,
            Tasks = tasks,
            Checkpoint = checkpoint,
            Metadata = metadata,
            CreatedAt = createdAt,
            ParentCheckpoint = parentCheckpoint,
            Interrupts = interrupts,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>A task of a thread's next step.</summary>
    public static ThreadTask ThreadTask(
        string? id = null,
        string? name = null,
        JsonElement? error = null,
        IReadOnlyList<ThreadInterrupt>? interrupts = null,
        ThreadCheckpoint? checkpoint = null,
        LangGraphThreadState? state = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            Id = id,
            Name = name,
            Error = error,
            Interrupts = interrupts,
            Checkpoint = checkpoint,
            State = state,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>An assistant, as <see cref="ILangGraphRunsClient.GetAssistantAsync"/> would return it.</summary>
    public static LangGraphAssistant LangGraphAssistant(
        Guid assistantId,
        string? graphId = null,
        IReadOnlyDictionary<string, JsonElement>? config = null,
        IReadOnlyDictionary<string, JsonElement>? context = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        IReadOnlyDictionary<string, JsonElement>? metadata = null,
        int? version = null,
        string? name = null,
        string? description = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            AssistantId = assistantId,
            GraphId = graphId,
            Config = config,
            Context = context,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Metadata = metadata,
            Version = version,
            Name = name,
            Description = description,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>A graph's schemas, as <see cref="ILangGraphRunsClient.GetAssistantSchemasAsync"/> would return them.</summary>
    public static GraphSchema GraphSchema(
        string? graphId = null,
        JsonElement? inputSchema = null,
        JsonElement? outputSchema = null,
        JsonElement? stateSchema = null,
        JsonElement? configSchema = null,
        JsonElement? contextSchema = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            GraphId = graphId,
            InputSchema = inputSchema,
            OutputSchema = outputSchema,
            StateSchema = stateSchema,
            ConfigSchema = configSchema,
            ContextSchema = contextSchema,
            AdditionalProperties = additionalProperties,
        };

    /// <summary>A cron, as <see cref="ILangGraphRunsClient.CreateCronAsync"/> would return it.</summary>
    public static LangGraphCron LangGraphCron(
        Guid cronId,
        string? schedule = null,
        Guid? assistantId = null,
        Guid? threadId = null,
        DateTimeOffset? endTime = null,
        DateTimeOffset? createdAt = null,
        DateTimeOffset? updatedAt = null,
        string? userId = null,
        IReadOnlyDictionary<string, JsonElement>? payload = null,
        DateTimeOffset? nextRunDate = null,
        IReadOnlyDictionary<string, JsonElement>? metadata = null,
        bool? enabled = null,
        IDictionary<string, JsonElement>? additionalProperties = null)
        => new()
        {
            CronId = cronId,
            Schedule = schedule,
            AssistantId = assistantId,
            ThreadId = threadId,
            EndTime = endTime,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            UserId = userId,
            Payload = payload,
            NextRunDate = nextRunDate,
            Metadata = metadata,
            Enabled = enabled,
            AdditionalProperties = additionalProperties,
        };
}

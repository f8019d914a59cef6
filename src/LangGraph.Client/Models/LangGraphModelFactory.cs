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
}

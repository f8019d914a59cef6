using System.Text.Json;
using System.Text.Json.Serialization;
using SharedSource;

namespace WxO.Client.Models;

/// <summary>One event of an Orchestrate run (<c>GET /v1/orchestrate/runs/{run_id}/events</c>, or a run's stream).</summary>
public sealed record AssistantRunEvent
{
    /// <summary>The event id; null when the server sent none (some streams).</summary>
    [JsonInclude, JsonPropertyName("id")] public string? Id { get; internal set; }

    /// <summary>What happened.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("event")] public AssistantRunEventType Event { get; internal set; }

    /// <summary>The event's data, free-form (e.g. a <c>delta</c> or a <c>message</c>).</summary>
    [JsonInclude, JsonPropertyName("data")] public JsonElement Data { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>
/// The name of an Orchestrate run event. The vendor's own pages list different sets; every value of both is here, and
/// unknown values are kept as-is. Equality ignores case.
/// </summary>
/// <param name="Value">The name exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<AssistantRunEventType>))]
public readonly record struct AssistantRunEventType(string Value) : IExtensibleEnumValue<AssistantRunEventType>
{
    /// <summary>The run started.</summary>
    public static AssistantRunEventType RunStarted { get; } = new("run.started");

    /// <summary>The run completed: the last event of a successful stream.</summary>
    public static AssistantRunEventType RunCompleted { get; } = new("run.completed");

    /// <summary>The run failed: a stream ends with <see cref="RunFailedException"/>.</summary>
    public static AssistantRunEventType RunFailed { get; } = new("run.failed");

    /// <summary>The run expired.</summary>
    public static AssistantRunEventType RunExpired { get; } = new("run.expired");

    /// <summary>The run was cancelled.</summary>
    public static AssistantRunEventType RunCancelled { get; } = new("run.cancelled");

    /// <summary>A step started.</summary>
    public static AssistantRunEventType RunStepStarted { get; } = new("run.step.started");

    /// <summary>A step completed.</summary>
    public static AssistantRunEventType RunStepCompleted { get; } = new("run.step.completed");

    /// <summary>A step failed.</summary>
    public static AssistantRunEventType RunStepFailed { get; } = new("run.step.failed");

    /// <summary>Part of a step (e.g. a tool call) arrived.</summary>
    public static AssistantRunEventType RunStepDelta { get; } = new("run.step.delta");

    /// <summary>The agent is thinking.</summary>
    public static AssistantRunEventType RunStepThinking { get; } = new("run.step.thinking");

    /// <summary>A message was created.</summary>
    public static AssistantRunEventType MessageCreated { get; } = new("message.created");

    /// <summary>A message started.</summary>
    public static AssistantRunEventType MessageStarted { get; } = new("message.started");

    /// <summary>Part of a message (text) arrived.</summary>
    public static AssistantRunEventType MessageDelta { get; } = new("message.delta");

    /// <summary>A message completed.</summary>
    public static AssistantRunEventType MessageCompleted { get; } = new("message.completed");

    /// <summary>The agent asks for input.</summary>
    public static AssistantRunEventType MessageInterrupt { get; } = new("message.interrupt");

    /// <summary>A transcription.</summary>
    public static AssistantRunEventType Transcription { get; } = new("transcription");

    /// <summary>A summary.</summary>
    public static AssistantRunEventType Summary { get; } = new("summary");

    /// <summary>An error was reported.</summary>
    public static AssistantRunEventType Error { get; } = new("error");

    /// <summary>Nothing more follows: the end of a stream.</summary>
    public static AssistantRunEventType Done { get; } = new("done");

    /// <summary>The agent is planning.</summary>
    public static AssistantRunEventType Planning { get; } = new("planning");

    /// <summary>A flow listens for a slot value.</summary>
    public static AssistantRunEventType FlowSlotListen { get; } = new("flow.slot.listen");

    static AssistantRunEventType IExtensibleEnumValue<AssistantRunEventType>.FromValue(string value) => new(value);

    /// <summary>Converts a raw event name.</summary>
    public static implicit operator AssistantRunEventType(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(AssistantRunEventType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw event name.</summary>
    public override string ToString() => Value ?? string.Empty;
}

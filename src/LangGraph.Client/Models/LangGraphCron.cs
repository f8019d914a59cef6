using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>A cron: runs started on a schedule, on a thread or each on a new one (<c>POST /runs/crons/search</c>).</summary>
public sealed record LangGraphCron
{
    /// <summary>The cron id.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("cron_id")] public Guid CronId { get; internal set; }

    /// <summary>The assistant its runs start.</summary>
    [JsonInclude, JsonPropertyName("assistant_id")] public Guid? AssistantId { get; internal set; }

    /// <summary>The thread its runs work on.</summary>
    [JsonInclude, JsonPropertyName("thread_id")] public Guid? ThreadId { get; internal set; }

    /// <summary>When the cron stops.</summary>
    [JsonInclude, JsonPropertyName("end_time")] public DateTimeOffset? EndTime { get; internal set; }

    /// <summary>The schedule (cron syntax, e.g. <c>0 9 * * 1-5</c>).</summary>
    [JsonInclude, JsonPropertyName("schedule")] public string? Schedule { get; internal set; }

    /// <summary>When the cron was created.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the cron last changed.</summary>
    [JsonInclude, JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>The user who made it.</summary>
    [JsonInclude, JsonPropertyName("user_id")] public string? UserId { get; internal set; }

    /// <summary>The run each tick creates (the request it was made with).</summary>
    [JsonInclude, JsonPropertyName("payload")] public IReadOnlyDictionary<string, JsonElement>? Payload { get; internal set; }

    /// <summary>When it runs next.</summary>
    [JsonInclude, JsonPropertyName("next_run_date")] public DateTimeOffset? NextRunDate { get; internal set; }

    /// <summary>The cron's metadata.</summary>
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    /// <summary>Whether it runs; a disabled cron is kept but starts nothing.</summary>
    [JsonInclude, JsonPropertyName("enabled")] public bool? Enabled { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model (e.g. <c>timezone</c>, <c>on_run_completed</c>).</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>
/// A new cron (<c>POST /threads/{thread_id}/runs/crons</c>, <c>POST /runs/crons</c>): a schedule plus the run each tick
/// starts. <see cref="MultitaskStrategy"/> applies to a thread's cron only, <see cref="OnRunCompleted"/> to a stateless one.
/// </summary>
public sealed record CronRequest
{
    /// <summary>The schedule, in cron syntax (e.g. <c>0 9 * * 1-5</c>: weekdays at nine).</summary>
    [JsonPropertyName("schedule")] public required string Schedule { get; init; }

    /// <summary>The graph id or assistant id each run starts.</summary>
    [JsonPropertyName("assistant_id")] public required string AssistantId { get; init; }

    /// <summary>The IANA time zone of the schedule (e.g. <c>Europe/Paris</c>); UTC when null.</summary>
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }

    /// <summary>When the cron stops.</summary>
    [JsonPropertyName("end_time")] public DateTimeOffset? EndTime { get; init; }

    /// <summary>The graph's input for each run.</summary>
    [JsonPropertyName("input")] public JsonNode? Input { get; init; }

    /// <summary>Metadata stored on the cron's runs.</summary>
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    /// <summary>The run config.</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    /// <summary>The graph's static context.</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>A URL the server calls when each run ends.</summary>
    [JsonPropertyName("webhook")] public Uri? Webhook { get; init; }

    /// <summary>Nodes to stop before.</summary>
    [JsonPropertyName("interrupt_before")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptBefore { get; init; }

    /// <summary>Nodes to stop after.</summary>
    [JsonPropertyName("interrupt_after")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptAfter { get; init; }

    /// <summary>What to do when the thread is busy (a thread's cron only).</summary>
    [JsonPropertyName("multitask_strategy")] public MultitaskStrategy? MultitaskStrategy { get; init; }

    /// <summary>Whether each run's thread is deleted or kept (a stateless cron only); the server's default is delete.</summary>
    [JsonPropertyName("on_run_completed")] public RunOnCompletion? OnRunCompleted { get; init; }

    /// <summary>False to create the cron disabled.</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }

    /// <summary>When checkpoints are saved.</summary>
    [JsonPropertyName("durability")] public RunDurability? Durability { get; init; }

    internal void Validate(string paramName, bool onThread)
    {
        if (string.IsNullOrWhiteSpace(Schedule))
        {
            throw new ArgumentException("CronRequest.Schedule is required (cron syntax, e.g. \"0 9 * * 1-5\").", paramName);
        }

        if (string.IsNullOrWhiteSpace(AssistantId))
        {
            throw new ArgumentException("CronRequest.AssistantId is required: the graph id (as in langgraph.json) or an assistant id.", paramName);
        }

        if (onThread && OnRunCompleted is not null)
        {
            throw new ArgumentException("CronRequest.OnRunCompleted applies to a stateless cron only; a thread's cron keeps its thread.", paramName);
        }

        if (!onThread && MultitaskStrategy is not null)
        {
            throw new ArgumentException("CronRequest.MultitaskStrategy applies to a thread's cron only (CreateThreadCronAsync).", paramName);
        }

        if (ThreadRunRequest.IsBlank(MultitaskStrategy) || ThreadRunRequest.IsBlank(OnRunCompleted) || ThreadRunRequest.IsBlank(Durability))
        {
            throw new ArgumentException("CronRequest: MultitaskStrategy, OnRunCompleted and Durability need a value, not default.", paramName);
        }

        if (InterruptBefore is { Count: 0 } || InterruptAfter is { Count: 0 })
        {
            throw new ArgumentException("CronRequest: an empty InterruptBefore or InterruptAfter list is not allowed; leave it null.", paramName);
        }
    }
}

/// <summary>A change to a cron (<c>PATCH /runs/crons/{cron_id}</c>); what is null stays.</summary>
public sealed record CronUpdate
{
    /// <summary>The new schedule.</summary>
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }

    /// <summary>The new IANA time zone.</summary>
    [JsonPropertyName("timezone")] public string? TimeZone { get; init; }

    /// <summary>The new end time.</summary>
    [JsonPropertyName("end_time")] public DateTimeOffset? EndTime { get; init; }

    /// <summary>The new input for each run.</summary>
    [JsonPropertyName("input")] public JsonNode? Input { get; init; }

    /// <summary>Metadata merged into the cron's.</summary>
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }

    /// <summary>The new run config.</summary>
    [JsonPropertyName("config")] public JsonObject? Config { get; init; }

    /// <summary>The new static context.</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>The new webhook.</summary>
    [JsonPropertyName("webhook")] public Uri? Webhook { get; init; }

    /// <summary>The new nodes to stop before.</summary>
    [JsonPropertyName("interrupt_before")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptBefore { get; init; }

    /// <summary>The new nodes to stop after.</summary>
    [JsonPropertyName("interrupt_after")]
    [JsonConverter(typeof(NodeListConverter))]
    public IReadOnlyList<string>? InterruptAfter { get; init; }

    /// <summary>Whether each run's thread is deleted or kept (stateless crons).</summary>
    [JsonPropertyName("on_run_completed")] public RunOnCompletion? OnRunCompleted { get; init; }

    /// <summary>True to enable the cron, false to pause it.</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }

    /// <summary>When checkpoints are saved.</summary>
    [JsonPropertyName("durability")] public RunDurability? Durability { get; init; }
}

/// <summary>What happens to the thread a stateless run (or a stateless cron's run) ran on (<c>on_completion</c>). Equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<RunOnCompletion>))]
public readonly record struct RunOnCompletion(string Value) : IExtensibleEnumValue<RunOnCompletion>
{
    /// <summary>Delete it (the server's default).</summary>
    public static RunOnCompletion Delete { get; } = new("delete");

    /// <summary>Keep it, so its state can be read.</summary>
    public static RunOnCompletion Keep { get; } = new("keep");

    static RunOnCompletion IExtensibleEnumValue<RunOnCompletion>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator RunOnCompletion(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(RunOnCompletion other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>Which runs <c>POST /runs/cancel</c> cancels when given a status. Equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<RunsCancelStatus>))]
public readonly record struct RunsCancelStatus(string Value) : IExtensibleEnumValue<RunsCancelStatus>
{
    /// <summary>Every run not started yet.</summary>
    public static RunsCancelStatus Pending { get; } = new("pending");

    /// <summary>Every run running now.</summary>
    public static RunsCancelStatus Running { get; } = new("running");

    /// <summary>Every pending and running run.</summary>
    public static RunsCancelStatus All { get; } = new("all");

    static RunsCancelStatus IExtensibleEnumValue<RunsCancelStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator RunsCancelStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(RunsCancelStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>The body of <c>POST /runs/cancel</c> (<c>RunsCancel</c>): a status, or a thread and its run ids.</summary>
internal sealed record RunsCancelBody(
    [property: JsonPropertyName("status")] RunsCancelStatus? Status,
    [property: JsonPropertyName("thread_id")] Guid? ThreadId,
    [property: JsonPropertyName("run_ids")] IReadOnlyList<Guid>? RunIds);

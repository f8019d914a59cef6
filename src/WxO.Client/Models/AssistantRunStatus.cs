using System.Text.Json.Serialization;
using SharedSource;

namespace WxO.Client.Models;

/// <summary>
/// Status of an Orchestrate run. Unknown values from newer servers are kept as-is; equality ignores case.
/// </summary>
/// <param name="Value">The status exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<AssistantRunStatus>))]
public readonly record struct AssistantRunStatus(string Value) : IExtensibleEnumValue<AssistantRunStatus>
{
    /// <summary>Queued, not started.</summary>
    public static AssistantRunStatus Pending { get; } = new("pending");

    /// <summary>Executing.</summary>
    public static AssistantRunStatus Running { get; } = new("running");

    /// <summary>Finished successfully.</summary>
    public static AssistantRunStatus Completed { get; } = new("completed");

    /// <summary>Parked while an asynchronous tool call is outstanding.</summary>
    public static AssistantRunStatus AsyncWait { get; } = new("async_wait");

    /// <summary>The asynchronous tool call finished; the run resumes.</summary>
    public static AssistantRunStatus AsyncCompleted { get; } = new("async_completed");

    /// <summary>Finished with an error (see <see cref="AssistantRun.LastError"/>).</summary>
    public static AssistantRunStatus Failed { get; } = new("failed");

    /// <summary>Cancelled before it finished.</summary>
    public static AssistantRunStatus Cancelled { get; } = new("cancelled");

    /// <summary>Waiting for input from the user.</summary>
    public static AssistantRunStatus RequiresInput { get; } = new("requires_input");

    /// <summary>Expired before it finished.</summary>
    public static AssistantRunStatus Expired { get; } = new("expired");

    static AssistantRunStatus IExtensibleEnumValue<AssistantRunStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a raw status string.</summary>
    public static implicit operator AssistantRunStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(AssistantRunStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw status string.</summary>
    public override string ToString() => Value ?? string.Empty;
}

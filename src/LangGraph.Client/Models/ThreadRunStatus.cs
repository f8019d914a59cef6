using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>Status of a LangGraph run. Unknown values from newer servers are kept as-is; equality ignores case.</summary>
/// <param name="Value">The status exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<ThreadRunStatus>))]
public readonly record struct ThreadRunStatus(string Value) : IExtensibleEnumValue<ThreadRunStatus>
{
    /// <summary>Queued, not started.</summary>
    public static ThreadRunStatus Pending { get; } = new("pending");

    /// <summary>Executing.</summary>
    public static ThreadRunStatus Running { get; } = new("running");

    /// <summary>Finished with an error.</summary>
    public static ThreadRunStatus Error { get; } = new("error");

    /// <summary>Finished successfully.</summary>
    public static ThreadRunStatus Success { get; } = new("success");

    /// <summary>Exceeded its time limit.</summary>
    public static ThreadRunStatus Timeout { get; } = new("timeout");

    /// <summary>Stopped by an interrupt.</summary>
    public static ThreadRunStatus Interrupted { get; } = new("interrupted");

    static ThreadRunStatus IExtensibleEnumValue<ThreadRunStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a raw status string.</summary>
    public static implicit operator ThreadRunStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ThreadRunStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw status string.</summary>
    public override string ToString() => Value ?? string.Empty;
}

using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>Status of a LangGraph thread. Unknown values from newer servers are kept as-is; equality ignores case.</summary>
/// <param name="Value">The status exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<ThreadStatus>))]
public readonly record struct ThreadStatus(string Value) : IExtensibleEnumValue<ThreadStatus>
{
    /// <summary>No run is active.</summary>
    public static ThreadStatus Idle { get; } = new("idle");

    /// <summary>A run is active.</summary>
    public static ThreadStatus Busy { get; } = new("busy");

    /// <summary>A run stopped at an <c>interrupt()</c> (or an interrupt-before/after node) and waits for input.</summary>
    public static ThreadStatus Interrupted { get; } = new("interrupted");

    /// <summary>The last run failed.</summary>
    public static ThreadStatus Error { get; } = new("error");

    static ThreadStatus IExtensibleEnumValue<ThreadStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a raw status string.</summary>
    public static implicit operator ThreadStatus(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(ThreadStatus other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw status string.</summary>
    public override string ToString() => Value ?? string.Empty;
}

using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>How a server handles a new run on a busy thread. Unknown values are kept as-is; equality ignores case.</summary>
/// <param name="Value">The value exactly as the server sent it.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<MultitaskStrategy>))]
public readonly record struct MultitaskStrategy(string Value) : IExtensibleEnumValue<MultitaskStrategy>
{
    /// <summary>Reject the new run.</summary>
    public static MultitaskStrategy Reject { get; } = new("reject");

    /// <summary>Cancel and delete the running run, then start the new one.</summary>
    public static MultitaskStrategy Rollback { get; } = new("rollback");

    /// <summary>Interrupt the running run, then start the new one.</summary>
    public static MultitaskStrategy Interrupt { get; } = new("interrupt");

    /// <summary>Queue the new run after the running one.</summary>
    public static MultitaskStrategy Enqueue { get; } = new("enqueue");

    static MultitaskStrategy IExtensibleEnumValue<MultitaskStrategy>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator MultitaskStrategy(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(MultitaskStrategy other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

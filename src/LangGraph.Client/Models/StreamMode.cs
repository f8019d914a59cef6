using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>What a run's stream carries. Unknown values from newer servers are kept as-is; equality ignores case.</summary>
/// <param name="Value">The mode exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<StreamMode>))]
public readonly record struct StreamMode(string Value) : IExtensibleEnumValue<StreamMode>
{
    /// <summary>The whole state after each step (the server's default).</summary>
    public static StreamMode Values { get; } = new("values");

    /// <summary>What each node returned, per step.</summary>
    public static StreamMode Updates { get; } = new("updates");

    /// <summary>LLM messages, token by token.</summary>
    public static StreamMode Messages { get; } = new("messages");

    /// <summary>LLM messages as (message, metadata) pairs.</summary>
    public static StreamMode MessagesTuple { get; } = new("messages-tuple");

    /// <summary>Events of the runnables inside the graph.</summary>
    public static StreamMode Events { get; } = new("events");

    /// <summary>Data the graph writes with its stream writer.</summary>
    public static StreamMode Custom { get; } = new("custom");

    /// <summary>Everything, for debugging.</summary>
    public static StreamMode Debug { get; } = new("debug");

    /// <summary>Task starts and results.</summary>
    public static StreamMode Tasks { get; } = new("tasks");

    /// <summary>Checkpoints as they are saved.</summary>
    public static StreamMode Checkpoints { get; } = new("checkpoints");

    static StreamMode IExtensibleEnumValue<StreamMode>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator StreamMode(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(StreamMode other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

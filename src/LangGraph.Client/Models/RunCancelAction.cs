using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>What cancelling a run does with it (the <c>action</c> of a cancel). Values a newer server accepts can be given as text; equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<RunCancelAction>))]
public readonly record struct RunCancelAction(string Value) : IExtensibleEnumValue<RunCancelAction>
{
    /// <summary>Stop the run; its work so far stays on the thread. The run ends <c>interrupted</c> (the server's default).</summary>
    public static RunCancelAction Interrupt { get; } = new("interrupt");

    /// <summary>Stop the run and delete it with its checkpoints, as if it never ran.</summary>
    public static RunCancelAction Rollback { get; } = new("rollback");

    static RunCancelAction IExtensibleEnumValue<RunCancelAction>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator RunCancelAction(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(RunCancelAction other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

using System.Text.Json.Serialization;
using SharedSource;

namespace LangGraph.Client.Models;

/// <summary>What the server does when the thread of a new run does not exist (<c>if_not_exists</c>). Values a newer server accepts can be given as text; equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<IfThreadNotExists>))]
public readonly record struct IfThreadNotExists(string Value) : IExtensibleEnumValue<IfThreadNotExists>
{
    /// <summary>Reject the run (the server's default).</summary>
    public static IfThreadNotExists Reject { get; } = new("reject");

    /// <summary>Create the thread.</summary>
    public static IfThreadNotExists Create { get; } = new("create");

    static IfThreadNotExists IExtensibleEnumValue<IfThreadNotExists>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator IfThreadNotExists(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IfThreadNotExists other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>When the server saves a run's checkpoints (<c>durability</c>). Values a newer server accepts can be given as text; equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<RunDurability>))]
public readonly record struct RunDurability(string Value) : IExtensibleEnumValue<RunDurability>
{
    /// <summary>Before each next step starts (safest).</summary>
    public static RunDurability Sync { get; } = new("sync");

    /// <summary>While the next step runs (the server's default).</summary>
    public static RunDurability Async { get; } = new("async");

    /// <summary>Only when the run ends.</summary>
    public static RunDurability Exit { get; } = new("exit");

    static RunDurability IExtensibleEnumValue<RunDurability>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator RunDurability(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(RunDurability other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>What the server does with a streaming or waiting run when the caller disconnects (<c>on_disconnect</c>). Values a newer server accepts can be given as text; equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<RunOnDisconnect>))]
public readonly record struct RunOnDisconnect(string Value) : IExtensibleEnumValue<RunOnDisconnect>
{
    /// <summary>The run continues (the server's default).</summary>
    public static RunOnDisconnect Continue { get; } = new("continue");

    /// <summary>The run is cancelled.</summary>
    public static RunOnDisconnect Cancel { get; } = new("cancel");

    static RunOnDisconnect IExtensibleEnumValue<RunOnDisconnect>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator RunOnDisconnect(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(RunOnDisconnect other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>What the server does when asked to create a thread whose id exists (<c>if_exists</c>). Values a newer server accepts can be given as text; equality ignores case.</summary>
/// <param name="Value">The value exactly as sent.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<IfThreadExists>))]
public readonly record struct IfThreadExists(string Value) : IExtensibleEnumValue<IfThreadExists>
{
    /// <summary>Answer 409 (the server's default).</summary>
    public static IfThreadExists Raise { get; } = new("raise");

    /// <summary>Return the existing thread.</summary>
    public static IfThreadExists DoNothing { get; } = new("do_nothing");

    static IfThreadExists IExtensibleEnumValue<IfThreadExists>.FromValue(string value) => new(value);

    /// <summary>Converts a raw value.</summary>
    public static implicit operator IfThreadExists(string value) => new(value);

    /// <inheritdoc />
    public bool Equals(IfThreadExists other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>The raw value.</summary>
    public override string ToString() => Value ?? string.Empty;
}

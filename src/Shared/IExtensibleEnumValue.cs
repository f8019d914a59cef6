namespace SharedSource;

/// <summary>
/// Implemented by the string-backed "extensible enum" structs (such as <c>AssistantRunStatus</c>) so one converter
/// serves them all.
/// Linked source, compiled into each vendor package (internal to each).
/// </summary>
/// <typeparam name="TSelf">The struct itself.</typeparam>
internal interface IExtensibleEnumValue<TSelf> where TSelf : struct, IExtensibleEnumValue<TSelf>
{
    /// <summary>The raw string.</summary>
    string Value { get; }

    /// <summary>Creates the value for a raw string.</summary>
    /// <param name="value">The raw string.</param>
    static abstract TSelf FromValue(string value);
}

namespace WxO.Client.Serialization;

/// <summary>
/// Implemented by the string-backed "extensible enum" structs (such as <c>AssistantRunStatus</c>) so one converter
/// serves them all. Public so your own source-generated <c>JsonSerializerContext</c> can include this SDK's models.
/// </summary>
/// <typeparam name="TSelf">The struct itself.</typeparam>
public interface IExtensibleEnumValue<TSelf> where TSelf : struct, IExtensibleEnumValue<TSelf>
{
    /// <summary>The raw string.</summary>
    string Value { get; }

    /// <summary>Creates the value for a raw string.</summary>
    /// <param name="value">The raw string.</param>
    static abstract TSelf FromValue(string value);
}

namespace WxO.Client.Serialization;

/// <summary>
/// Implemented by the string-backed "extensible enum" structs so one converter serves them all.
/// Internal: it is a serialization detail, not part of the public contract.
/// </summary>
internal interface IExtensibleEnum<TSelf> where TSelf : struct, IExtensibleEnum<TSelf>
{
    string Value { get; }

    static abstract TSelf FromValue(string value);
}

namespace WxO.Client.Http;

/// <summary>Checks shared by option validation and the credential handler.</summary>
internal static class CredentialRules
{
    /// <summary>CR or LF in a header value would let a credential inject extra headers.</summary>
    public static bool HasLineBreak(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Plain HTTP is only safe where traffic never leaves the machine.</summary>
    public static bool IsLoopback(Uri uri)
        => uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
}

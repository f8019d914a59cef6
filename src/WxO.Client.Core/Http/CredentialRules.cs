namespace WxO.Client.Http;

/// <summary>Checks shared by option validation and the credential handler.</summary>
internal static class CredentialRules
{
    /// <summary>
    /// What makes <paramref name="value"/> unfit for a header, or null when it is fit. A credential must be visible ASCII
    /// (<c>!</c> to <c>~</c>): CR or LF would inject headers, other control characters and non-ASCII letters are refused by
    /// HttpClient or sent as raw bytes, and a space is a copy-paste slip. The text never quotes the credential.
    /// </summary>
    public static string? Problem(string value)
    {
        if (value.Length == 0)
        {
            return "is empty";
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= '!' and <= '~')
            {
                continue;
            }

            var what = c switch
            {
                '\r' or '\n' => "a line break (CR or LF)",
                ' ' => "a space",
                < ' ' or '\u007f' => "a control character",
                _ => "a character outside ASCII",
            };
            return $"contains {what} at position {i + 1} of {value.Length}; only visible ASCII characters are allowed";
        }

        return null;
    }

    /// <summary>Plain HTTP is only safe where traffic never leaves the machine (<c>localhost</c>, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri uri) => uri.IsLoopback;
}

namespace WxO.Client.Errors;

/// <summary>
/// Blanks a client's credentials in text a server supplied (an error body, a reason phrase, a run's error message) before
/// it enters an exception: a server that echoes the <c>Authorization</c> header or the API key must not put it in logs.
/// Knows the configured credentials and the last few tokens actually sent (issued tokens change); each also URL- and
/// JSON-encoded, the forms a server echoes them in.
/// </summary>
internal sealed class SecretRedactor
{
    /// <summary>The replacement text.</summary>
    public const string Mask = "***";

    /// <summary>Issued tokens remembered: enough to cover a refresh racing with calls still carrying the previous token.</summary>
    private const int MaxIssued = 4;

    /// <summary>Shorter strings are not treated as secrets: blanking them would garble ordinary text.</summary>
    private const int MinSecretLength = 6;

    private readonly string[] _configured;
    private readonly object _gate = new();
    /// <summary>The remembered tokens, newest first, each as its forms (the token itself first).</summary>
    private string[][] _issued = [];

    public SecretRedactor(params string?[] configured)
        => _configured = [.. configured.Where(IsSecret).SelectMany(Forms!).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>A redactor that knows no secret.</summary>
    public static SecretRedactor None { get; } = new();

    /// <summary>Remembers a token about to be sent (cheap when it is the one already remembered).</summary>
    public void Issued(string token)
    {
        // Lock-free when the token is known (every request after the first). Two threads racing with a new token may both
        // add it: the duplicate only pushes the oldest token out one refresh early.
        if (!IsSecret(token) || Array.Exists(Volatile.Read(ref _issued), forms => forms[0] == token))
        {
            return;
        }

        lock (_gate)
        {
            _issued = [[.. Forms(token)], .. _issued.Take(MaxIssued - 1)];
        }
    }

    /// <summary>The text with every known credential replaced by <see cref="Mask"/>; null stays null.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _configured)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        foreach (var forms in Volatile.Read(ref _issued))
        {
            foreach (var secret in forms)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static bool IsSecret(string? value) => value is { Length: >= MinSecretLength };

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        var escaped = Uri.EscapeDataString(secret);
        if (escaped != secret)
        {
            yield return escaped;
        }

        var json = secret.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal);
        if (json != secret)
        {
            yield return json;
        }
    }
}

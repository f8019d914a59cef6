namespace WxO.Client.Primitives;

/// <summary>
/// Marks that change how the shared pipeline treats one request, set as <see cref="HttpRequestMessage.Options"/> entries
/// with the value <see langword="true"/> (with Refit: a <c>[Property(RunRequestOptions.…)] bool</c> parameter).
/// </summary>
public static class RunRequestOptions
{
    /// <summary>
    /// The request starts a run (or anything else a second copy of would duplicate). It is retried only when the connection
    /// could not be made; once it may have reached the server (a reset mid-request, a timeout, any answer) it is not.
    /// </summary>
    public const string CreatesRun = "WxO.Client.CreatesRun";

    /// <summary>
    /// The answer is read as a stream of events: its body is not buffered, and the call's timeouts end once the headers
    /// arrive (the stream's own idle watchdog takes over).
    /// </summary>
    public const string Streaming = "WxO.Client.Streaming";

    /// <summary>
    /// The server holds the answer until a run ends (join, wait): the attempt and total timeouts are
    /// <see cref="RunResilienceOptions.LongPollTimeout"/> instead of the short-call ones.
    /// </summary>
    public const string LongPoll = "WxO.Client.LongPoll";

    internal static bool Has(HttpRequestMessage? request, string option)
        => request is not null && ((IDictionary<string, object?>)request.Options).TryGetValue(option, out var value) && value is true;
}

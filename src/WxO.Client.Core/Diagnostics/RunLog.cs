using Microsoft.Extensions.Logging;

namespace WxO.Client.Diagnostics;

/// <summary>
/// Log messages, source-generated. A call's lines name its path template, an attempt's lines (Trace, Debug) the request's
/// path; never a query string, a header or a credential. A completed call, and one that failed with an answer about the request (4xx) or the caller's
/// cancellation, is Debug: the caller has it. A call the server or the network failed (5xx, unreachable, timed out)
/// after the retries is a Warning: the operator may have to act.
/// </summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation}: {Method} {UrlTemplate} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void RequestCompleted(ILogger logger, string operation, string method, string urlTemplate, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Operation}: {Method} {UrlTemplate} failed ({ErrorType}) in {ElapsedMilliseconds:0.0} ms")]
    public static partial void RequestFailed(ILogger logger, string operation, string method, string urlTemplate, string errorType, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Operation}: {Method} {UrlTemplate} failed ({ErrorType}) in {ElapsedMilliseconds:0.0} ms")]
    public static partial void RequestFailedAfterRetries(ILogger logger, string operation, string method, string urlTemplate, string errorType, double elapsedMilliseconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Retrying {Method} after {ErrorType}: retry {Attempt} in {DelayMilliseconds:0} ms")]
    public static partial void Retrying(ILogger logger, string method, string errorType, int attempt, double delayMilliseconds);

    // One attempt of a call (every retry is one more), written by RunCallHandler. Never a header or a query string.
    [LoggerMessage(EventId = 100, Level = LogLevel.Trace, Message = "Sending {Method} {Path}")]
    public static partial void AttemptStarted(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Trace, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    public static partial void AttemptCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "{Method} {Path} failed ({ErrorType}) in {ElapsedMilliseconds:0.0} ms")]
    public static partial void AttemptFailed(ILogger logger, string method, string path, string errorType, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Wait for run {RunId} on {Source} ended {Outcome} after {Polls} polls in {ElapsedSeconds:0.0} s")]
    public static partial void WaitEnded(ILogger logger, string runId, string source, string outcome, int polls, double elapsedSeconds);
}

using Microsoft.Extensions.Logging;

namespace WxO.Client.Diagnostics;

/// <summary>
/// Log messages, source-generated. Paths are templates, never real ids or query strings, and no credential
/// is ever a parameter. A completed call, and one that failed with an answer about the request (4xx) or the caller's
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

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Wait for run {RunId} on {Source} ended {Outcome} after {Polls} polls in {ElapsedSeconds:0.0} s")]
    public static partial void WaitEnded(ILogger logger, string runId, string source, string outcome, int polls, double elapsedSeconds);
}

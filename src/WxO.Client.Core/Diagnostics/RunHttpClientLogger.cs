using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace WxO.Client.Diagnostics;

/// <summary>
/// Logs each HTTP attempt of our clients, replacing HttpClientFactory's default loggers. Those redact secret
/// headers in the message text but still put the raw <c>Authorization</c> / <c>x-api-key</c> values into the
/// structured state, which JSON and OpenTelemetry sinks export. This logger never logs a header or a query string.
/// </summary>
internal sealed partial class RunHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    // Checked first: these run on every attempt, and most hosts do not log at Trace.
    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            var (method, path) = Describe(request);
            AttemptStarted(logger, method, path);
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Trace))
        {
            var (method, path) = Describe(request);
            var milliseconds = elapsed.TotalMilliseconds;
            AttemptCompleted(logger, method, path, (int)response.StatusCode, milliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var (method, path) = Describe(request);
            var errorType = exception.GetType().FullName ?? exception.GetType().Name;
            var milliseconds = elapsed.TotalMilliseconds;
            AttemptFailed(logger, method, path, errorType, milliseconds);
        }
    }

    private static (string Method, string Path) Describe(HttpRequestMessage request)
        => (request.Method.Method, request.RequestUri?.AbsolutePath ?? string.Empty);

    [LoggerMessage(EventId = 100, Level = LogLevel.Trace, Message = "Sending {Method} {Path}")]
    private static partial void AttemptStarted(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 101, Level = LogLevel.Trace, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void AttemptCompleted(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "{Method} {Path} failed ({ErrorType}) in {ElapsedMilliseconds:0.0} ms")]
    private static partial void AttemptFailed(ILogger logger, string method, string path, string errorType, double elapsedMilliseconds);
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WxO.Client.Primitives;

namespace WxO.Client.Diagnostics;

/// <summary>
/// The diagnostics of one client call: its span (started first, so HttpClient's attempt spans become its children), and
/// at the end its duration metric and its one log line. A struct: it lives on the caller's stack for every call.
/// </summary>
internal readonly struct RunCallScope
{
    private readonly RunTelemetry _telemetry;
    private readonly RunEndpoint _endpoint;
    private readonly ILogger _logger;
    private readonly Uri? _server;
    private readonly Activity? _activity;
    private readonly long _started;

    private RunCallScope(RunTelemetry telemetry, RunEndpoint endpoint, ILogger logger, Uri? server, string? runId, string? threadId)
    {
        _telemetry = telemetry;
        _endpoint = endpoint;
        _logger = logger;
        _server = server;
        _started = Stopwatch.GetTimestamp();
        _activity = telemetry.Source.StartActivity(endpoint.Name, ActivityKind.Client);
        if (_activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("http.request.method", endpoint.Method);
            activity.SetTag("url.template", endpoint.UrlTemplate);
            if (server is not null)
            {
                activity.SetTag("server.address", server.Host);
                activity.SetTag("server.port", server.Port);
            }

            if (runId is not null)
            {
                activity.SetTag(telemetry.RunIdAttribute, runId);
            }

            if (threadId is not null)
            {
                activity.SetTag(telemetry.ThreadIdAttribute, threadId);
            }
        }
    }

    public static RunCallScope Start(RunTelemetry telemetry, RunEndpoint endpoint, ILogger logger, Uri? server, string? runId, string? threadId)
        => new(telemetry, endpoint, logger, server, runId, threadId);

    /// <summary>Records a call that got its result.</summary>
    public void Succeeded(int status) => Record(status, errorType: null);

    /// <summary>Records a call that ends in <paramref name="exception"/>; <paramref name="status"/> is null when no answer came.</summary>
    public void Failed(int? status, Exception exception)
        => Record(status, RunTelemetry.ErrorType(exception), serverFault: exception is HttpRequestException or TimeoutException
            || (exception is RunApiException api and not RunFailedException && (api.StatusCode is null || (int)api.StatusCode >= 500)));

    private void Record(int? status, string? errorType, bool serverFault = false)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_telemetry.RequestDuration.Enabled)
        {
            // Built only when someone listens: the tags box the status code, and this runs on every call.
            var tags = new TagList
            {
                { "operation", _endpoint.Name },
                { "outcome", errorType is null ? "success" : "failure" },
            };
            if (_server is not null)
            {
                tags.Add("server.address", _server.Host);
            }

            if (status is { } code)
            {
                tags.Add("http.response.status_code", code);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            _telemetry.RequestDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (_activity is { } activity)
        {
            if (status is { } statusCode)
            {
                activity.SetTag("http.response.status_code", statusCode);
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            activity.Dispose();
        }

        if (errorType is not null && serverFault)
        {
            RunLog.RequestFailedAfterRetries(_logger, _endpoint.Name, _endpoint.Method, _endpoint.UrlTemplate, errorType, elapsed.TotalMilliseconds);
        }
        else if (errorType is not null)
        {
            RunLog.RequestFailed(_logger, _endpoint.Name, _endpoint.Method, _endpoint.UrlTemplate, errorType, elapsed.TotalMilliseconds);
        }
        else
        {
            RunLog.RequestCompleted(_logger, _endpoint.Name, _endpoint.Method, _endpoint.UrlTemplate, status ?? 0, elapsed.TotalMilliseconds);
        }
    }
}

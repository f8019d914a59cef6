using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;
using WxO.Client.Diagnostics;

namespace WxO.Client.Http;

/// <summary>
/// Sends a request built by a Refit interface and turns the outcome into the public contract: a model,
/// a typed <see cref="RunApiException"/>, <see cref="TimeoutException"/>, <see cref="HttpRequestException"/>
/// or the caller's <see cref="OperationCanceledException"/>. No Refit, Polly or bare JSON exception escapes.
/// Also the one place where a call's span, duration metric and log line are produced.
/// </summary>
internal static class RunResponseReader
{
    /// <param name="call">The call to trace, measure and log; null for sign-in requests, which are part of another call.</param>
    /// <param name="state">Passed to <paramref name="send"/>, so callers need no closure.</param>
    /// <param name="send">Starts the request; called inside the span so HttpClient's spans become its children.</param>
    /// <param name="typeInfo">The model's source-generated metadata.</param>
    /// <param name="cancellationToken">The caller's token, to tell its cancellation from a timeout.</param>
    /// <param name="signIn">A token request: every failure is then a <see cref="RunAuthenticationException"/>.</param>
    public static async Task<T> ReadAsync<T, TState>(
        RunCall? call,
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken,
        bool signIn = false)
        where T : class
    {
        var activity = call is { } c ? StartActivity(c) : null;
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            HttpResponseMessage response;
            try
            {
                response = await send(state, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutRejectedException ex)
            {
                // Thrown by the total or the last attempt's timeout. The Polly exception itself is not passed on
                // as the inner exception: callers must not need Polly to handle our errors.
                throw new TimeoutException($"The request to the run server timed out. {ex.Message}");
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient.Timeout surfaces as a cancellation the caller never asked for.
                throw new TimeoutException("The request to the run server timed out.", ex);
            }
            catch (ResponseTooLargeException ex)
            {
                throw signIn
                    ? new RunAuthenticationException(ex.Message) { RequestMethod = ex.Method, RequestPath = ex.Path }
                    : new RunApiException(ex.Message) { RequestMethod = ex.Method, RequestPath = ex.Path };
            }

            using (response)
            {
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    throw await RunErrorMapper.CreateAsync(response, cancellationToken, signIn).ConfigureAwait(false);
                }

                T? value;
                try
                {
                    if (response.Content is PooledContent buffered)
                    {
                        // The pipeline already read the whole body: parse the bytes, no stream or async machinery.
                        value = JsonSerializer.Deserialize(buffered.Bytes, typeInfo);
                    }
                    else
                    {
                        // A handler the host added replaced the content: read it as a stream.
                        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                        await using (stream.ConfigureAwait(false))
                        {
                            value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                catch (JsonException ex)
                {
                    throw RunErrorMapper.InvalidBody(response, typeof(T).Name, ex.Message, ex, signIn);
                }

                if (value is null)
                {
                    throw RunErrorMapper.InvalidBody(response, typeof(T).Name, "the body is empty or null", null, signIn);
                }
                if (call is { } done)
                {
                    Record(done, activity, started, status, errorType: null);
                }

                return value;
            }
        }
        catch (Exception ex) when (call is { } failed)
        {
            Record(failed, activity, started, status, RunTelemetry.ErrorType(ex));
            throw;
        }
        finally
        {
            activity?.Dispose();
        }
    }

    private static Activity? StartActivity(RunCall call)
    {
        var operation = call.Operation;
        var activity = operation.Telemetry.Source.StartActivity(operation.Name, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", operation.Method);
            activity.SetTag("url.template", operation.UrlTemplate);
            if (call.Server is { } server)
            {
                activity.SetTag("server.address", server.Host);
                activity.SetTag("server.port", server.Port);
            }

            if (call.RunId is not null)
            {
                activity.SetTag($"{operation.Telemetry.AttributePrefix}.run.id", call.RunId);
            }

            if (call.ThreadId is not null)
            {
                activity.SetTag($"{operation.Telemetry.AttributePrefix}.thread.id", call.ThreadId);
            }
        }

        return activity;
    }

    private static void Record(RunCall call, Activity? activity, long started, int? status, string? errorType)
    {
        var operation = call.Operation;
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (operation.Telemetry.RequestDuration.Enabled)
        {
            // Built only when someone listens: the tags box the status code, and this runs on every call.
            var tags = new TagList
            {
                { "operation", operation.Name },
                { "outcome", errorType is null ? "success" : "failure" },
            };
            if (call.Server is { } server)
            {
                tags.Add("server.address", server.Host);
            }

            if (status is { } code)
            {
                tags.Add("http.response.status_code", code);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            operation.Telemetry.RequestDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (status is { } statusCode)
        {
            activity?.SetTag("http.response.status_code", statusCode);
        }

        if (errorType is not null)
        {
            activity?.SetTag("error.type", errorType);
            activity?.SetStatus(ActivityStatusCode.Error, errorType);
            RunLog.RequestFailed(call.Logger, operation.Name, operation.Method, operation.UrlTemplate, errorType, elapsed.TotalMilliseconds);
        }
        else
        {
            RunLog.RequestCompleted(call.Logger, operation.Name, operation.Method, operation.UrlTemplate, status ?? 0, elapsed.TotalMilliseconds);
        }
    }
}

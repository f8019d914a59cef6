using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using WxO.Client.Diagnostics;
using WxO.Client.Primitives;

namespace WxO.Client.Http;

/// <summary>
/// Builds the HttpClient pipeline every run client uses (and sign-in clients): one <see cref="RunCallHandler"/> (deadline →
/// credentials → retry → attempt with its time limit and bounded read of the body) over the primary handler. Shared so all
/// behave the same way under failure.
/// </summary>
internal static class RunHttpPipeline
{
    /// <summary>
    /// A client with the shared pipeline: user agent, no redirects, no HttpClientFactory loggers (the handler logs each
    /// attempt), and <see cref="RunCallHandler"/> with <paramref name="credentials"/> (none for a sign-in client).
    /// </summary>
    public static IHttpClientBuilder AddRunHttpPipeline<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, string name, string optionsName, RunTelemetry telemetry, Action<TOptions, HttpClient>? configureClient = null, Func<IServiceProvider, RunCredentials>? credentials = null)
        where TOptions : RunClientOptions
    {
        services.TryAddSingleton<RunConnectionTracker>();
        return services.AddHttpClient(name)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(optionsName);
                configureClient?.Invoke(options, client);
                // The pipeline's timeouts govern (per request kind); HttpClient's own 100 s default would cut across them.
                client.Timeout = Timeout.InfiniteTimeSpan;
                if (options.SendUserAgent)
                {
                    // "<ApplicationId> WxO.Client/0.1.0 (.NET 10.0.1; linux-x64)": vendors can tell SDK traffic, and which app.
                    if (options.ApplicationId is { } applicationId)
                    {
                        client.DefaultRequestHeaders.UserAgent.Add(ProductInfoHeaderValue.Parse(applicationId));
                    }

                    client.DefaultRequestHeaders.UserAgent.Add(telemetry.Product);
                    client.DefaultRequestHeaders.UserAgent.Add(RunTelemetry.Platform);
                }
            })
            // Redirects are not followed: a run API does not redirect, and following one could hand an
            // x-api-key header to another host (HttpClient only strips Authorization).
            // Tracked per container, so disposing the container closes the pooled connections at once.
            // No drain: a body left unread (a stream the caller stopped reading) closes its connection at once. By default
            // HttpClient reads on for up to 2 s or 1 MB to reuse the connection, while the server keeps writing the
            // events no one will read. Every other body is read to its end, so nothing else changes.
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<RunConnectionTracker>().Track(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxResponseDrainSize = 0,
            }))
            // HttpClientFactory's default loggers put the raw Authorization / x-api-key values into their structured state
            // (which JSON and OpenTelemetry sinks export), and each is one more async layer per attempt: RunCallHandler
            // logs every attempt instead, without headers or query strings.
            .RemoveAllLoggers()
            .AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<TOptions>>().Get(optionsName);
                var resilience = options.Resilience;
                var time = sp.GetTimeProvider();
                var logger = sp.CreateLogger($"{telemetry.Name}.Http");
                // With no retries to make, no pipeline to run.
                Func<ResiliencePipeline<HttpResponseMessage>>? retry = resilience is { Enabled: true, MaxRetryAttempts: > 0 }
                    ? () => Build(resilience, time, telemetry, logger)
                    : null;
                return new RunCallHandler(resilience, options.MaxResponseContentBytes, time, credentials?.Invoke(sp), retry, logger);
            });
    }

    /// <summary>
    /// The retry, and nothing else (the call's deadline and each attempt's time limit are <see cref="RunCallHandler"/>'s,
    /// on pooled token sources), entered only after a first attempt that failed in a way worth retrying.
    /// A request that creates a run is retried only when its connection could not be made.
    /// </summary>
    internal static ResiliencePipeline<HttpResponseMessage> Build(RunResilienceOptions options, TimeProvider timeProvider, RunTelemetry telemetry, ILogger logger)
        => new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                // Retry-After is read by the DelayGenerator below, so it can be capped.
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, Request(args.Context))),
                OnRetry = args =>
                {
                    var errorType = args.Outcome.Result is { } result
                        ? ((int)result.StatusCode).ToString(CultureInfo.InvariantCulture)
                        : args.Outcome.Exception?.GetType().FullName ?? "unknown";
                    var request = Request(args.Context);
                    telemetry.Retries.Add(1, new KeyValuePair<string, object?>("error.type", errorType),
                        new KeyValuePair<string, object?>("server.address", request?.RequestUri?.Host));
                    RunLog.Retrying(logger, request?.Method.Method ?? "?", errorType, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                    return default;
                },
                DelayGenerator = args => ValueTask.FromResult(
                    RetryAfter(args.Outcome.Result, timeProvider.GetUtcNow()) is { } hint
                        ? (TimeSpan?)(hint > options.MaxRetryAfter ? options.MaxRetryAfter : hint)
                        : null),
            })
            .Build();

    private static HttpRequestMessage? Request(ResilienceContext context)
        => context.Properties.TryGetValue(RunCallHandler.Request, out var request) ? request : null;

    /// <summary>
    /// Transient failures are retried; for a request that creates a run, only a failure to connect (the request cannot
    /// have reached the server), since a second copy would start a second run.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
        => outcome.Result is { } response
            ? ShouldRetry(response, request)
            : IsTransient(outcome)
                && (!RunRequestOptions.Has(request, RunRequestOptions.CreatesRun)
                    || outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError });

    /// <summary>An answer is retried when its status is transient, and never for a request that creates a run (it reached the server).</summary>
    internal static bool ShouldRetry(HttpResponseMessage response, HttpRequestMessage? request)
        => IsTransient(response) && !RunRequestOptions.Has(request, RunRequestOptions.CreatesRun);

    /// <summary>
    /// A failure that the same request may not meet again: a network failure (<see cref="HttpRequestException"/>), an
    /// attempt that ran out of time (<see cref="TimeoutRejectedException"/>, from <see cref="RunCallHandler"/>), or an answer
    /// of 408 (request timeout), 429 (too many requests) or any 5xx. Anything else (a 4xx, an invalid or oversized body,
    /// the caller's cancellation) would fail the same way again.
    /// </summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => IsTransient(response),
        { Exception: { } exception } => exception is HttpRequestException or TimeoutRejectedException,
        _ => false,
    };

    /// <summary>408 (request timeout), 429 (too many requests) or any 5xx.</summary>
    internal static bool IsTransient(HttpResponseMessage response) => (int)response.StatusCode is >= 500 or 408 or 429;

    /// <summary>The server's <c>Retry-After</c> as a delay from <paramref name="now"/>: delta seconds or an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;   // never negative: the header's parser accepts digits only
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

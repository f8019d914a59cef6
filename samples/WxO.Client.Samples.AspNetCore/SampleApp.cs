using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WxO.Client.Models;

namespace WxO.Client.Samples.AspNetCore;

/// <summary>The app, built in a method so tests can host it on a free port with their own configuration.</summary>
public static class SampleApp
{
    public static WebApplication Build(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // No server configured: use the embedded sandbox, so the sample answers out of the box.
        var sandbox = SandboxFallback.Apply(builder.Configuration);

        builder.Services
            .AddWxOClient(builder.Configuration.GetSection("WxO"))
            .AddLangGraphClient(builder.Configuration.GetSection("LangGraph"));
        builder.Services.AddHealthChecks().AddCheck<WxOHealthCheck>("wxo");
        // Runs are returned as received: with the SDK's JSON metadata first, no reflection (ready for trimming and AOT), and
        // without the fields the server did not send (null), so the answer is as small as the server's.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, WxOModelFactory.JsonTypeInfoResolver);
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });

        // The SDK's typed errors become problem responses: the status from the exception type, the detail from its message.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is { } error and (RunApiException or ArgumentException or TimeoutException or HttpRequestException))
            {
                context.ProblemDetails.Detail = error is RunApiException { ServerMessage: { } server } ? server : error.Message;
            }
        });

        var app = builder.Build();
        if (sandbox is not null)
        {
            app.Lifetime.ApplicationStopped.Register(sandbox.Dispose);
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            AllowStatusCode404Response = true,
            // An unknown run or a bad id is the caller's mistake, not a fault of this app: no error log for those.
            SuppressDiagnosticsCallback = context => context.Exception is ResourceNotFoundException or ArgumentException,
            StatusCodeSelector = error => (int)(error switch
            {
                ResourceNotFoundException => HttpStatusCode.NotFound,
                ArgumentException => HttpStatusCode.BadRequest,
                TimeoutException => HttpStatusCode.GatewayTimeout,
                RunApiException or HttpRequestException => HttpStatusCode.BadGateway,
                _ => HttpStatusCode.InternalServerError,
            }),
        });

        app.MapGet("/runs", async (IWxORunsClient runs, int? limit, int? offset, CancellationToken ct)
            => Results.Ok(await runs.ListRunsAsync(limit ?? 20, offset ?? 0, ct)));

        app.MapGet("/runs/{id}", async (IWxORunsClient runs, string id, CancellationToken ct)
            => Results.Ok(await runs.GetRunAsync(id, ct)));

        app.MapHealthChecks("/health", new HealthCheckOptions());
        return app;
    }

    /// <summary>Healthy when the WxO runs endpoint answers a one-run page.</summary>
    private sealed class WxOHealthCheck(IWxORunsClient runs) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                AssistantRunPage page = await runs.ListRunsAsync(limit: 1, cancellationToken: cancellationToken);
                return HealthCheckResult.Healthy($"{page.Total} runs");
            }
            catch (Exception ex) when (ex is RunApiException or TimeoutException or HttpRequestException)
            {
                return HealthCheckResult.Unhealthy(ex.Message);
            }
        }
    }
}

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

        builder.Services
            .AddWxOClient(builder.Configuration.GetSection("WxO"))
            .AddLangGraphClient(builder.Configuration.GetSection("LangGraph"));
        builder.Services.AddHealthChecks().AddCheck<WxOHealthCheck>("wxo");
        builder.Services.AddProblemDetails();

        var app = builder.Build();

        app.MapGet("/runs", async (IWxORunsClient runs, int? limit, int? offset, CancellationToken ct)
            => Results.Ok(await runs.ListRunsAsync(limit ?? 20, offset ?? 0, ct)));

        app.MapGet("/runs/{id}", async (IWxORunsClient runs, string id, CancellationToken ct)
            => Results.Ok(await runs.GetRunAsync(id, ct)));

        app.MapHealthChecks("/health", new HealthCheckOptions());

        // The SDK's typed errors become HTTP answers a caller can act on.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (RunNotFoundException ex)
            {
                await Results.Problem(ex.ServerMessage ?? "Run not found", statusCode: 404).ExecuteAsync(context);
            }
            catch (ArgumentException ex)
            {
                await Results.Problem(ex.Message, statusCode: 400).ExecuteAsync(context);
            }
            catch (Exception ex) when (ex is RunApiException or TimeoutException or HttpRequestException)
            {
                await Results.Problem($"The run server failed: {ex.Message}", statusCode: 502).ExecuteAsync(context);
            }
        });

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

using Polly;

namespace WxO.Client.Http;

/// <summary>
/// Runs each request through the client's Polly retry. Built on Polly.Core directly rather
/// than Microsoft.Extensions.Http.Resilience's handler: that one adds per-call telemetry (a log event and a metric with
/// enriched tags for every attempt, successful or not), a pipeline registry lookup and its own options plumbing, none of
/// which a call that succeeds needs; the retries and the final failure are reported by the SDK's own diagnostics.
/// </summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    /// <summary>The request of the execution, for the retry predicate (it looks at the request's options).</summary>
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> Request = new("WxO.Client.Request");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Request, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendAttemptAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => base.SendAsync(request, cancellationToken);
}

/// <summary>In the resilience handler's place when resilience is off (the handler chain is built before options are read).</summary>
internal sealed class PassThroughHandler : DelegatingHandler;

using WxO.Client.Primitives;

namespace WxO.Client.Http;

/// <summary>
/// The one deadline of a call, outermost in the pipeline: sign-in, every attempt, the waits between retries, the refresh
/// and retry after a 401, and the read of the body all end by <see cref="RunResilienceOptions.TotalTimeout"/>
/// (<see cref="RunResilienceOptions.LongPollTimeout"/> for long-polls). A stream's deadline ends when its headers arrive.
/// </summary>
internal sealed class DeadlineHandler(RunResilienceOptions options, TimeProvider time) : DelegatingHandler
{
    private readonly TimeoutSourcePool _timeouts = new(time);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = RunRequestOptions.Has(request, RunRequestOptions.LongPoll) ? options.LongPollTimeout : options.TotalTimeout;
        using var deadline = _timeouts.Rent(timeout, cancellationToken);
        try
        {
            return await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The call to {request.Method} {request.RequestUri?.AbsolutePath} did not finish within {timeout}.", ex);
        }
    }
}

using System.Runtime.CompilerServices;
using Polly.Timeout;

namespace WxO.Client.Http;

/// <summary>
/// Sends a request through the HttpClient pipeline and turns what the pipeline throws into the public contract:
/// <see cref="TimeoutException"/> for a timeout, <see cref="RunApiException"/> for an over-large body,
/// <see cref="HttpRequestException"/> (unchanged) for a network failure, and the caller's own cancellation unchanged.
/// No Polly type reaches the caller.
/// </summary>
internal static class RunTransport
{
    // Pooled: every call passes through here, and a warm call should allocate no state machine of its own.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<HttpResponseMessage> SendAsync<TState>(
        TState state, Func<TState, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send(state, cancellationToken).ConfigureAwait(false);
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
            var exception = new RunApiException(ex.Message);
            exception.SetFacts(statusCode: null, serverMessage: null, responseBody: null, requestId: null, ex.Method, ex.Path);
            throw exception;
        }
        catch (UnreadableBodyException ex)
        {
            var exception = new RunApiException(ex.Message, ex.InnerException);
            exception.SetFacts(statusCode: null, serverMessage: null, responseBody: null, requestId: null, ex.Method, ex.Path);
            throw exception;
        }
    }
}

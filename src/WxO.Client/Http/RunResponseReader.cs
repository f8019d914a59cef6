using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.Timeout;

namespace WxO.Client.Http;

/// <summary>
/// Sends a request built by a Refit interface and turns the outcome into the public contract: a model,
/// a typed <see cref="RunApiException"/>, <see cref="TimeoutException"/>, <see cref="HttpRequestException"/>
/// or the caller's <see cref="OperationCanceledException"/>. No Refit, Polly or bare JSON exception escapes.
/// </summary>
internal static class RunResponseReader
{
    /// <param name="sending">The request in flight.</param>
    /// <param name="typeInfo">The model's source-generated metadata.</param>
    /// <param name="cancellationToken">The caller's token, to tell its cancellation from a timeout.</param>
    /// <param name="signIn">A token request: every failure is then a <see cref="RunAuthenticationException"/>.</param>
    public static async Task<T> ReadAsync<T>(Task<HttpResponseMessage> sending, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken, bool signIn = false)
        where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await sending.ConfigureAwait(false);
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

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await RunErrorMapper.CreateAsync(response, cancellationToken, signIn).ConfigureAwait(false);
            }

            T? value;
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (JsonException ex)
            {
                throw RunErrorMapper.InvalidBody(response, typeof(T).Name, ex.Message, ex, signIn);
            }

            return value ?? throw RunErrorMapper.InvalidBody(response, typeof(T).Name, "the body is empty or null", null, signIn);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WxO.Client.Errors;
using WxO.Client.Primitives;

namespace WxO.Client.Http;

/// <summary>
/// Reads an answer: checks the status (an error becomes a typed <see cref="RunApiException"/> through
/// <see cref="RunErrorMapper"/>) and deserializes the body with source-generated metadata. Nothing else.
/// </summary>
internal static class RunResponseReader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The model in a success answer; a typed exception for an error answer or a body that is not the model.</summary>
    public static async Task<T> ReadAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<T> typeInfo, RunErrorParser? errorParser, SecretRedactor secrets, RunEndpoint? endpoint,
        CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, errorParser, secrets, endpoint, cancellationToken).ConfigureAwait(false);
        T? value;
        try
        {
            if (response.Content is PooledContent buffered)
            {
                // The pipeline already read the whole body: parse the bytes, no stream or async machinery.
                // A UTF-8 byte order mark before the JSON is allowed (the stream reader skips it; the span reader does not).
                var bytes = buffered.Bytes;
                value = JsonSerializer.Deserialize(bytes.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes, typeInfo);
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
            throw RunErrorMapper.InvalidBody(response, typeof(T).Name, ex.Message, ex);
        }

        // A model may not be JSON null; a free-form value (JsonElement) may.
        return value is null ? throw RunErrorMapper.InvalidBody(response, typeof(T).Name, "the body is empty or null", null) : value;
    }

    /// <summary>Returns for a success status; throws the typed exception for an error answer.</summary>
    public static async ValueTask EnsureSuccessAsync(
        HttpResponseMessage response, RunErrorParser? errorParser, SecretRedactor secrets, RunEndpoint? endpoint, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await RunErrorMapper.CreateAsync(response, errorParser, secrets, endpoint?.NotFoundResource, cancellationToken).ConfigureAwait(false);
        }
    }
}

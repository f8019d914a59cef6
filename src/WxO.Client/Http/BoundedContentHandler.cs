using System.Buffers;
using System.Net.Http.Headers;

namespace WxO.Client.Http;

/// <summary>
/// Reads each response body into memory inside the retry, with a size limit. Two guarantees follow: a body cut off
/// mid-way is a network failure the pipeline retries (it would otherwise surface later, outside the pipeline, as a
/// bare <see cref="IOException"/>), and a body larger than the limit fails fast instead of exhausting memory.
/// </summary>
internal sealed class BoundedContentHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is > 0 and var declared && declared > maxBytes)
        {
            response.Dispose();
            throw new ResponseTooLargeException(request, maxBytes, declared);
        }

        try
        {
            response.Content = await BufferAsync(request, response.Content, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpContent> BufferAsync(HttpRequestMessage request, HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is > 0 and <= 1 << 20 and var length ? (int)length : 16 * 1024);
            var total = 0;
            try
            {
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, total).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read;
                    try
                    {
                        read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException ex)
                    {
                        // The connection broke mid-body: transient, so the retry strategy sees a network failure.
                        throw new HttpRequestException($"The response body of {request.Method} {request.RequestUri?.AbsolutePath} was cut off.", ex);
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw new ResponseTooLargeException(request, maxBytes, declared: null);
                    }
                }

                var buffered = new ByteArrayContent(buffer.AsSpan(0, total).ToArray());
                foreach (var header in content.Headers)
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                buffered.Headers.ContentLength = total;
                return buffered;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>
/// A response body over <see cref="RunClientOptions.MaxResponseContentBytes"/>. Not an <see cref="HttpRequestException"/>,
/// so it is not retried (the same request would get the same body); the reader turns it into a <see cref="RunApiException"/>.
/// </summary>
internal sealed class ResponseTooLargeException(HttpRequestMessage request, long maxBytes, long? declared)
    : Exception($"The response to {request.Method} {request.RequestUri?.AbsolutePath} is larger than the limit of {maxBytes} bytes"
        + (declared is { } d ? $" (Content-Length {d})." : ".") + " Raise MaxResponseContentBytes if such responses are expected.")
{
    public string Method { get; } = request.Method.Method;

    public string? Path { get; } = request.RequestUri?.AbsolutePath;
}

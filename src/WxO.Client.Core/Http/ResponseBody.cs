using System.Buffers;
using System.Runtime.CompilerServices;

namespace WxO.Client.Http;

/// <summary>
/// The body of an answer, read into memory with a size limit before the attempt ends. Two guarantees follow: a body cut
/// off mid-way is a network failure the retry retries (it would otherwise surface later, outside the pipeline, as a bare
/// <see cref="IOException"/>), and a body larger than the limit fails fast instead of exhausting memory.
/// </summary>
internal static class ResponseBody
{
    /// <summary>
    /// <paramref name="response"/> with its body in a <see cref="PooledContent"/>; disposes the response and throws when the
    /// body is over <paramref name="maxBytes"/>, cut off, or not decodable.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<HttpResponseMessage> BufferAsync(HttpRequestMessage request, HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        var content = response.Content;
        byte[]? buffer = null;
        try
        {
            if (content.Headers.ContentLength is > 0 and var declared && declared > maxBytes)
            {
                throw new ResponseTooLargeException(request, maxBytes, declared);
            }

            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is > 0 and <= 1 << 20 and var length ? (int)length : 16 * 1024);
                var total = 0;
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
                        // The connection broke mid-body: transient, so the retry sees a network failure.
                        throw new HttpRequestException($"The response body of {request.Method} {request.RequestUri?.AbsolutePath} was cut off.", ex);
                    }
                    catch (InvalidDataException ex)
                    {
                        // Content-Encoding says gzip or deflate over bytes that are not: the body cannot be read, and the same
                        // request would get the same bytes, so it is not retried.
                        throw new UnreadableBodyException(request, ex);
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

                var buffered = new PooledContent(buffer, total);
                buffer = null;   // handed over: the response's disposal returns it
                // The raw values, copied as they came: no parsing, and no enumerator object (NonValidated is a struct view).
                foreach (var (name, values) in content.Headers.NonValidated)
                {
                    if (values.Count == 1)
                    {
                        buffered.Headers.TryAddWithoutValidation(name, values.ToString());
                    }
                    else
                    {
                        buffered.Headers.TryAddWithoutValidation(name, values);
                    }
                }

                buffered.Headers.ContentLength = total;
                response.Content = buffered;
                return response;
            }
        }
        catch
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            response.Dispose();
            throw;
        }
    }
}

/// <summary>
/// A body held in a rented buffer, which goes back to the pool when the response is disposed: no copy of the body,
/// and no new array per response. The response reader disposes every response once it has read it.
/// </summary>
internal sealed class PooledContent(byte[] buffer, int length) : HttpContent
{
    private byte[]? _buffer = buffer;

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(PooledContent));

    /// <summary>The body, for readers that can parse bytes directly (faster than going through a stream).</summary>
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, length);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        => stream.WriteAsync(Buffer, 0, length);

    protected override Task<Stream> CreateContentReadStreamAsync()
        => Task.FromResult<Stream>(new MemoryStream(Buffer, 0, length, writable: false));

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// A body that cannot be decoded (a <c>Content-Encoding</c> the bytes do not match). Not retried; the transport turns it
/// into a <see cref="RunApiException"/> (invalid body).
/// </summary>
internal sealed class UnreadableBodyException(HttpRequestMessage request, Exception inner)
    : Exception($"The response to {request.Method} {request.RequestUri?.AbsolutePath} could not be decoded: {inner.Message}", inner)
{
    public string Method { get; } = request.Method.Method;

    public string? Path { get; } = request.RequestUri?.AbsolutePath;
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

using System.Buffers;
using WxO.Client.Http;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

/// <summary>A buffered body lives in a pooled array: readers cannot write into it, and nothing reads it once it went back.</summary>
public sealed class PooledContentTests
{
    [Fact]
    public async Task The_body_reads_back_exactly_and_read_only()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16);
        "hello"u8.CopyTo(buffer);
        using var content = new PooledContent(buffer, 5);

        var stream = await content.ReadAsStreamAsync();

        Assert.False(stream.CanWrite);
        Assert.Equal("hello"u8.ToArray(), content.Bytes.ToArray());
        Assert.Equal("hello", await content.ReadAsStringAsync());
        Assert.Equal(5, content.Headers.ContentLength);
    }

    [Fact]
    public void Once_disposed_the_array_is_not_read_again()
    {
        var content = new PooledContent(ArrayPool<byte>.Shared.Rent(16), 5);

        content.Dispose();
        content.Dispose();

        Assert.Throws<ObjectDisposedException>(() => content.Bytes.Length);
    }
}

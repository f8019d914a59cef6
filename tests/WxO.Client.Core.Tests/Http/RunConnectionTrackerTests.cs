using WxO.Client.Http;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

/// <summary>The connection pools a container created are closed once when it is disposed, and none are made after.</summary>
public sealed class RunConnectionTrackerTests
{
    [Fact]
    public void Disposing_closes_every_live_pool_once()
    {
        var tracker = new RunConnectionTracker();
        var first = new CountingHandler();
        var second = new CountingHandler();
        Assert.Same(first, tracker.Track(first));
        Assert.Same(second, tracker.Track(second));

        tracker.Dispose();
        tracker.Dispose();

        Assert.Equal((1, 1), (first.Disposals, second.Disposals));
    }

    [Fact]
    public void No_pool_is_handed_out_after_disposal()
    {
        var tracker = new RunConnectionTracker();
        tracker.Dispose();
        var late = new CountingHandler();

        Assert.Throws<ObjectDisposedException>(() => tracker.Track(late));
        Assert.Equal(0, late.Disposals);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Disposals { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposals++;
            base.Dispose(disposing);
        }
    }
}

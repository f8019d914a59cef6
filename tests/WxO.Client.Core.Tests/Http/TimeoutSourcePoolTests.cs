using Microsoft.Extensions.Time.Testing;
using WxO.Client.Http;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

public sealed class TimeoutSourcePoolTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_source_fires_by_the_clock_and_one_that_fired_is_never_reused()
    {
        var pool = new TimeoutSourcePool(_time);
        CancellationToken fired;
        using (var lease = pool.Rent(TimeSpan.FromSeconds(10), CancellationToken.None))
        {
            _time.Advance(TimeSpan.FromSeconds(9));
            Assert.False(lease.IsCancellationRequested);
            _time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(lease.IsCancellationRequested);
            fired = lease.Token;
        }

        using var next = pool.Rent(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.NotEqual(fired, next.Token);
        Assert.False(next.IsCancellationRequested);
    }

    [Fact]
    public async Task A_returned_source_is_reused_with_the_new_timeout_only()
    {
        // Only the system clock's sources can be reset (a source bound to another TimeProvider cannot): real time here.
        var pool = new TimeoutSourcePool(TimeProvider.System);
        CancellationToken first;
        using (var lease = pool.Rent(TimeSpan.FromMilliseconds(50), CancellationToken.None))
        {
            first = lease.Token;
        }

        using var again = pool.Rent(TimeSpan.FromMinutes(10), CancellationToken.None);
        await Task.Delay(200, TestContext.Current.CancellationToken);   // past the first timeout: it must not carry over

        Assert.Equal(first, again.Token);
        Assert.False(again.IsCancellationRequested);
    }

    [Fact]
    public void The_outer_token_cancels_the_lease_and_is_unlinked_when_it_is_returned()
    {
        var pool = new TimeoutSourcePool(TimeProvider.System);
        using var outer = new CancellationTokenSource();
        using (var lease = pool.Rent(TimeSpan.FromMinutes(1), outer.Token))
        {
            Assert.False(lease.IsCancellationRequested);
        }

        using var reused = pool.Rent(TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.True(reused.Token.CanBeCanceled);
        outer.Cancel();   // the earlier caller's token: no longer linked to the reused source

        Assert.False(reused.IsCancellationRequested);
        using var linked = pool.Rent(TimeSpan.FromMinutes(1), outer.Token);
        Assert.True(linked.IsCancellationRequested);
    }
}

using WxO.Client.Streaming;
using Xunit;

namespace WxO.Client.Core.Tests.Streaming;

/// <summary>Which event ids a stream already gave: by order for the servers' counters, by a window for anything else.</summary>
public sealed class SeenEventIdsTests
{
    [Theory]
    [InlineData("7", 7L, 0L)]
    [InlineData("1700000000000-3", 1700000000000L, 3L)]
    [InlineData("0-0", 0L, 0L)]
    public void Counters_and_redis_style_ids_have_an_order(string id, long major, long minor)
        => Assert.Equal((major, minor), SeenEventIds.OrderOf(id));

    [Theory]
    [InlineData("e-1")]
    [InlineData("-1")]
    [InlineData("1-")]
    [InlineData("1-2-3")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("")]
    [InlineData("9223372036854775808")]
    public void Anything_else_has_none(string id) => Assert.Null(SeenEventIds.OrderOf(id));

    [Fact]
    public void Ordered_ids_up_to_the_highest_seen_are_seen_however_old()
    {
        var seen = new SeenEventIds();
        for (var i = 0; i < 5_000; i++)
        {
            seen.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(seen.Contains("0"));
        Assert.True(seen.Contains("4999"));
        Assert.False(seen.Contains("5000"));

        var redis = new SeenEventIds();
        redis.Add("100-1");
        redis.Add("100-2");
        Assert.True(redis.Contains("99-9"));
        Assert.True(redis.Contains("100-2"));
        Assert.False(redis.Contains("100-3"));
        Assert.False(redis.Contains("101-0"));
    }

    [Fact]
    public void Other_ids_are_remembered_in_a_window_of_the_last_1024()
    {
        var seen = new SeenEventIds();
        Assert.False(seen.Contains("a"));
        for (var i = 0; i < SeenEventIds.Window + 1; i++)
        {
            seen.Add($"e-{i}");
        }

        Assert.False(seen.Contains("e-0"));   // the oldest fell out
        Assert.True(seen.Contains("e-1"));
        Assert.True(seen.Contains($"e-{SeenEventIds.Window}"));
        Assert.False(seen.Contains("e-99999"));
        seen.Add("e-5");   // a repeat neither grows the window nor evicts another id
        Assert.True(seen.Contains("e-1"));
    }

    [Fact]
    public void A_server_that_mixes_both_kinds_keeps_each_rule_for_its_own_ids()
    {
        var seen = new SeenEventIds();
        seen.Add("5");
        seen.Add("x");
        seen.Add("7");

        Assert.True(seen.Contains("5"));
        Assert.True(seen.Contains("7"));
        Assert.False(seen.Contains("8"));
        Assert.True(seen.Contains("x"));
        Assert.False(seen.Contains("y"));
    }
}

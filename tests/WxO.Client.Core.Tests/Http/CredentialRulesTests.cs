using System.Net;
using WxO.Client.Http;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

public sealed class CredentialRulesTests
{
    [Theory]
    [InlineData("!")]          // the first visible ASCII character
    [InlineData("~")]          // the last
    [InlineData("abc-XYZ_09.+/=")]
    public void Visible_ASCII_is_fit(string credential) => Assert.Null(CredentialRules.Problem(credential));

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("ab cd", "contains a space at position 3 of 5; only visible ASCII characters are allowed")]
    [InlineData("abc\r\n", "contains a line break (CR or LF) at position 4 of 5; only visible ASCII characters are allowed")]
    [InlineData("a\tb", "contains a control character at position 2 of 3; only visible ASCII characters are allowed")]
    [InlineData("ab\u007f", "contains a control character at position 3 of 3; only visible ASCII characters are allowed")]
    [InlineData("tokén", "contains a character outside ASCII at position 4 of 5; only visible ASCII characters are allowed")]
    public void Anything_else_is_named_with_its_position_and_never_quoted(string credential, string problem)
        => Assert.Equal(problem, CredentialRules.Problem(credential));

    [Theory]
    [InlineData("http://127.0.0.1:5000/", true)]
    [InlineData("http://localhost:5000/", true)]
    [InlineData("http://LOCALHOST/", true)]
    [InlineData("http://[::1]/", true)]
    [InlineData("http://example.com/", false)]
    [InlineData("http://10.0.0.5/", false)]
    public void Only_this_machine_is_loopback(string address, bool loopback)
        => Assert.Equal(loopback, CredentialRules.IsLoopback(new Uri(address)));

    [Theory]
    [InlineData(-30, 0)]   // a date already past: retry at once
    [InlineData(0, 0)]
    [InlineData(90, 90)]
    public void Retry_after_as_a_date_is_the_time_until_it(int secondsFromNow, int expectedSeconds)
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(secondsFromNow));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RunHttpPipeline.RetryAfter(response, now));
    }

    [Fact]
    public void No_retry_after_is_no_hint()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(RunHttpPipeline.RetryAfter(response, DateTimeOffset.UnixEpoch));
        Assert.Null(RunHttpPipeline.RetryAfter(null, DateTimeOffset.UnixEpoch));
    }
}

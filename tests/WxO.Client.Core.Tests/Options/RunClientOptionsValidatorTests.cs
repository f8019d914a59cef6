using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Options;

/// <summary>
/// The shared checks of <see cref="WxO.Client.Primitives.RunClientOptionsValidator{TOptions}"/>, through the WxO validator:
/// each limit is tried at its edge (accepted) and one step beyond it (refused, with the exact message users read).
/// </summary>
public sealed class RunClientOptionsValidatorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static string[] Failures(Action<WxOClientOptions> change)
    {
        var options = new WxOClientOptions
        {
            BaseAddress = new Uri("https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/abc"),
            BearerToken = "secret-token-value",
        };
        change(options);
        var result = WxOClientOptionsValidator.Instance.Validate(null, options);
        string[] failures = [.. result.Failures ?? []];
        Assert.Equal(failures.Length == 0, result.Succeeded);
        return failures;
    }

    [Fact]
    public void Defaults_with_an_address_and_a_token_are_valid() => Assert.Empty(Failures(_ => { }));

    [Theory]
    [InlineData("123456789012345678901234")]
    [InlineData("ticket-bot/2.1")]
    [InlineData("a")]
    public void An_application_id_of_1_to_24_characters_is_accepted(string applicationId)
        => Assert.Empty(Failures(o => o.ApplicationId = applicationId));

    [Theory]
    [InlineData("1234567890123456789012345")]
    [InlineData("")]
    [InlineData("ticket bot")]
    [InlineData("(bot")]
    public void Any_other_application_id_is_refused(string applicationId)
        => Assert.Equal(
            [$"WxO:ApplicationId '{applicationId}' must be 1 to 24 characters without spaces, a product token such as 'ticket-bot' or 'ticket-bot/2.1'."],
            Failures(o => o.ApplicationId = applicationId));

    [Fact]
    public void The_response_size_limit_is_at_least_1024_bytes()
    {
        Assert.Empty(Failures(o => o.MaxResponseContentBytes = 1024));
        Assert.Equal(["WxO:MaxResponseContentBytes must be at least 1024 (was 1023)."], Failures(o => o.MaxResponseContentBytes = 1023));
    }

    [Fact]
    public void A_fragment_or_user_info_in_the_base_address_is_refused()
    {
        Assert.Equal(
            ["WxO:BaseAddress 'https://api.example.com/instances/abc#top' must not have a query string or fragment."],
            Failures(o => o.BaseAddress = new Uri("https://api.example.com/instances/abc#top")));
        Assert.Equal(
            ["WxO:BaseAddress must not contain credentials (user:password@); use WxO:BearerToken or a token provider."],
            Failures(o => o.BaseAddress = new Uri("https://user:pw@api.example.com/instances/abc")));
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused_with_the_way_out()
        => Assert.Equal(
            [
                "WxO:BaseAddress 'http://api.example.com/instances/abc' uses plain http to a host that is not loopback, so credentials "
                + "would travel unencrypted. Use https, or set WxO:AllowInsecureHttp=true if the network is trusted.",
            ],
            Failures(o => o.BaseAddress = new Uri("http://api.example.com/instances/abc")));

    [Fact]
    public void A_token_and_a_token_provider_together_are_refused()
        => Assert.Equal(
            ["WxO: set either BearerToken or TokenProvider, not both."],
            Failures(o => o.TokenProvider = new FixedTokenProvider("token")));

    [Fact]
    public void Retry_attempts_are_0_to_10()
    {
        Assert.Empty(Failures(o => o.Resilience.MaxRetryAttempts = 0));
        Assert.Empty(Failures(o => o.Resilience.MaxRetryAttempts = 10));
        Assert.Equal(["WxO:Resilience:MaxRetryAttempts must be between 0 and 10 (was -1)."], Failures(o => o.Resilience.MaxRetryAttempts = -1));
        Assert.Equal(["WxO:Resilience:MaxRetryAttempts must be between 0 and 10 (was 11)."], Failures(o => o.Resilience.MaxRetryAttempts = 11));
    }

    [Fact]
    public void The_base_delay_is_0_to_the_max_delay()
    {
        Assert.Empty(Failures(o => o.Resilience.BaseDelay = TimeSpan.Zero));
        Assert.Empty(Failures(o => o.Resilience.BaseDelay = o.Resilience.MaxDelay));
        Assert.Equal(
            ["WxO:Resilience:BaseDelay must be between 0 and MaxDelay (00:00:30) (was -00:00:00.0000001)."],
            Failures(o => o.Resilience.BaseDelay = -Tick));
        Assert.Equal(
            ["WxO:Resilience:BaseDelay must be between 0 and MaxDelay (00:00:30) (was 00:00:30.0000001)."],
            Failures(o => o.Resilience.BaseDelay = o.Resilience.MaxDelay + Tick));
    }

    [Fact]
    public void The_retry_after_cap_is_not_negative()
    {
        Assert.Empty(Failures(o => o.Resilience.MaxRetryAfter = TimeSpan.Zero));
        Assert.Equal(
            ["WxO:Resilience:MaxRetryAfter must not be negative (was -00:00:00.0000001)."],
            Failures(o => o.Resilience.MaxRetryAfter = -Tick));
    }

    public static TheoryData<string> Timeouts => ["AttemptTimeout", "LongPollTimeout", "TotalTimeout"];

    [Theory]
    [MemberData(nameof(Timeouts))]
    public void Each_timeout_is_10_ms_to_1_day(string name)
    {
        var min = TimeSpan.FromMilliseconds(10);
        var max = TimeSpan.FromDays(1);

        // The attempt and total timeouts move together so that "total not shorter than attempt" holds at both edges.
        Action<WxOClientOptions> Set(TimeSpan value) => o =>
        {
            if (name == "LongPollTimeout")
            {
                o.Resilience.LongPollTimeout = value;
            }
            else
            {
                o.Resilience.AttemptTimeout = value;
                o.Resilience.TotalTimeout = value;
            }
        };

        Assert.Empty(Failures(Set(min)));
        Assert.Empty(Failures(Set(max)));
        var tooShort = Failures(Set(min - Tick));
        var tooLong = Failures(Set(max + Tick));
        if (name == "LongPollTimeout")
        {
            Assert.Equal(["WxO:Resilience:LongPollTimeout must be between 10 ms and 1 day (was 00:00:00.0099999)."], tooShort);
            Assert.Equal(["WxO:Resilience:LongPollTimeout must be between 10 ms and 1 day (was 1.00:00:00.0000001)."], tooLong);
        }
        else
        {
            Assert.Equal(
                [
                    "WxO:Resilience:AttemptTimeout must be between 10 ms and 1 day (was 00:00:00.0099999).",
                    "WxO:Resilience:TotalTimeout must be between 10 ms and 1 day (was 00:00:00.0099999).",
                ],
                tooShort);
            Assert.Equal(
                [
                    "WxO:Resilience:AttemptTimeout must be between 10 ms and 1 day (was 1.00:00:00.0000001).",
                    "WxO:Resilience:TotalTimeout must be between 10 ms and 1 day (was 1.00:00:00.0000001).",
                ],
                tooLong);
        }
    }

    [Fact]
    public void The_total_timeout_is_not_shorter_than_one_attempt_while_retries_are_on()
    {
        Assert.Empty(Failures(o => o.Resilience.TotalTimeout = o.Resilience.AttemptTimeout));
        Assert.Equal(
            ["WxO:Resilience:TotalTimeout (00:00:29.9999999) must not be shorter than AttemptTimeout (00:00:30)."],
            Failures(o => o.Resilience.TotalTimeout = o.Resilience.AttemptTimeout - Tick));

        // Without retries there are no attempts to time out, only the total.
        Assert.Empty(Failures(o =>
        {
            o.Resilience.Enabled = false;
            o.Resilience.TotalTimeout = o.Resilience.AttemptTimeout - Tick;
        }));
    }

    [Fact]
    public void The_stream_idle_timeout_is_1_s_to_1_day()
    {
        Assert.Empty(Failures(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(1)));
        Assert.Empty(Failures(o => o.StreamIdleTimeout = TimeSpan.FromDays(1)));
        Assert.Equal(
            ["WxO:StreamIdleTimeout must be between 1 s and 1 day (was 00:00:00.9999999)."],
            Failures(o => o.StreamIdleTimeout = TimeSpan.FromSeconds(1) - Tick));
        Assert.Equal(
            ["WxO:StreamIdleTimeout must be between 1 s and 1 day (was 1.00:00:00.0000001)."],
            Failures(o => o.StreamIdleTimeout = TimeSpan.FromDays(1) + Tick));
    }

    [Fact]
    public void Stream_reconnect_attempts_are_0_to_100()
    {
        Assert.Empty(Failures(o => o.StreamReconnectAttempts = 0));
        Assert.Empty(Failures(o => o.StreamReconnectAttempts = 100));
        Assert.Equal(["WxO:StreamReconnectAttempts must be between 0 and 100 (was -1)."], Failures(o => o.StreamReconnectAttempts = -1));
        Assert.Equal(["WxO:StreamReconnectAttempts must be between 0 and 100 (was 101)."], Failures(o => o.StreamReconnectAttempts = 101));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
        => Assert.Equal(
            [
                "WxO:MaxResponseContentBytes must be at least 1024 (was 0).",
                "WxO:Resilience:MaxRetryAttempts must be between 0 and 10 (was 11).",
                "WxO:StreamReconnectAttempts must be between 0 and 100 (was 101).",
            ],
            Failures(o =>
            {
                o.MaxResponseContentBytes = 0;
                o.Resilience.MaxRetryAttempts = 11;
                o.StreamReconnectAttempts = 101;
            }));

    [Fact]
    public void ToString_lists_every_setting_and_no_secret()
    {
        var options = new WxOClientOptions
        {
            BaseAddress = new Uri("https://api.example.com/instances/abc"),
            BearerToken = "secret-token-value",
            ApplicationId = "ticket-bot",
        };
        Assert.Equal(
            "WxOClientOptions { BaseAddress = https://api.example.com/instances/abc, BearerToken = ***, TokenProvider = (none), "
            + "AllowInsecureHttp = False, ApplicationId = ticket-bot, SendUserAgent = True, MaxResponseContentBytes = 16777216, "
            + "StreamIdleTimeout = 00:05:00, StreamReconnectAttempts = 3, Resilience = { Enabled = True, MaxRetryAttempts = 3, "
            + "BaseDelay = 00:00:01, MaxDelay = 00:00:30, MaxRetryAfter = 00:00:30, AttemptTimeout = 00:00:30, TotalTimeout = 00:02:00, "
            + "LongPollTimeout = 01:00:00 } } { ApiKey = (none), AuthenticationMode = Auto, TokenEndpoint =  }",
            options.ToString());

        options.BearerToken = null;
        options.TokenProvider = new FixedTokenProvider("token");
        options.ApiKey = "secret-api-key-value";
        Assert.StartsWith(
            "WxOClientOptions { BaseAddress = https://api.example.com/instances/abc, BearerToken = (none), TokenProvider = FixedTokenProvider, ",
            options.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("{ ApiKey = ***, AuthenticationMode = Auto, TokenEndpoint =  }", options.ToString(), StringComparison.Ordinal);
    }
}

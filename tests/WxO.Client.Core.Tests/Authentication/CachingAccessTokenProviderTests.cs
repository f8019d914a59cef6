using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using WxO.Client.Authentication;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Authentication;

/// <summary>The token cache every sign-in shares: reuse, refresh at 80 % of the lifetime, failures, the refresh metric.</summary>
public sealed class CachingAccessTokenProviderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _meter = $"Cache.Tests{Guid.NewGuid():N}";

    private string Instrument => $"{_meter.ToLowerInvariant()}.token.refreshes";

    [Fact]
    public async Task A_token_is_reused_until_80_percent_of_its_lifetime_even_from_a_provider_that_completes_synchronously()
    {
        var provider = new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), TimeSpan.FromSeconds(100));

        Assert.Equal("token-1", await provider.GetAccessTokenAsync());
        _time.Advance(TimeSpan.FromSeconds(80) - TimeSpan.FromTicks(1));
        Assert.Equal("token-1", await provider.GetAccessTokenAsync());
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("token-2", await provider.GetAccessTokenAsync());
        _time.Advance(TimeSpan.FromSeconds(80));
        Assert.Equal("token-3", await provider.GetAccessTokenAsync());
        Assert.Equal(3, provider.Requests);
    }

    [Fact]
    public async Task A_token_without_a_lifetime_is_reused_until_it_is_rejected()
    {
        var provider = new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), lifetime: null);

        Assert.Equal("token-1", await provider.GetAccessTokenAsync());
        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal("token-1", await provider.GetAccessTokenAsync());

        Assert.True(provider.Invalidate("some-older-token"));
        Assert.Equal("token-1", await provider.GetAccessTokenAsync());
        Assert.True(provider.Invalidate("token-1"));
        Assert.Equal("token-2", await provider.GetAccessTokenAsync());
        Assert.Equal(2, provider.Requests);
    }

    [Fact]
    public async Task Each_token_request_is_counted_with_its_outcome_and_a_failure_is_not_remembered()
    {
        using var refreshes = new MetricCollector<long>(null, _meter, Instrument);
        var provider = new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), TimeSpan.FromSeconds(100))
        {
            FailNext = true,
        };

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => provider.GetAccessTokenAsync().AsTask());
        Assert.Equal("sign-in refused", ex.Message);
        Assert.Equal("token-2", await provider.GetAccessTokenAsync());
        Assert.Equal("token-2", await provider.GetAccessTokenAsync());

        Assert.Equal(
            ["1 failure", "1 success"],
            refreshes.GetMeasurementSnapshot().Select(m => $"{m.Value} {m.Tags["outcome"]}"));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_request_others_wait_on()
    {
        var gate = new TaskCompletionSource();
        var provider = new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), TimeSpan.FromSeconds(100))
        {
            Gate = gate.Task,
        };
        using var impatient = new CancellationTokenSource();

        var first = provider.GetAccessTokenAsync(impatient.Token).AsTask();
        var second = provider.GetAccessTokenAsync().AsTask();
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gate.SetResult();

        Assert.Equal("token-1", await second);
        Assert.Equal(1, provider.Requests);
    }

    [Theory]
    [InlineData("", "The sign-in of ScriptedProvider returned no token.")]
    [InlineData("tok\nen", "The sign-in of ScriptedProvider returned a token that contains a line break (CR or LF) at position 4 of 6; only visible ASCII characters are allowed; it cannot be sent.")]
    public async Task A_token_that_cannot_be_sent_is_refused_and_never_cached(string bad, string message)
    {
        using var refreshes = new MetricCollector<long>(null, _meter, Instrument);
        var provider = new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), TimeSpan.FromSeconds(100))
        {
            NextToken = bad,
        };

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => provider.GetAccessTokenAsync().AsTask());

        Assert.Equal(message, ex.Message);
        Assert.Equal("token-2", await provider.GetAccessTokenAsync());
        Assert.Equal(["failure", "success"], refreshes.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]));
    }

    [Fact]
    public async Task A_provider_made_with_no_clock_or_telemetry_uses_the_system_clock_and_counts_nothing()
    {
        var provider = new DefaultsProvider();

        Assert.Equal("token", await provider.GetAccessTokenAsync());
        Assert.Same(TimeProvider.System, provider.Clock);
    }

    [Fact]
    public void ToString_shows_the_type_only()
        => Assert.Equal(
            nameof(ScriptedProvider),
            new ScriptedProvider(_time, new RunTelemetry(_meter, "cache", typeof(RunTelemetry).Assembly), null).ToString());

    /// <summary>Hands out token-1, token-2, …; completes synchronously unless a gate is set.</summary>
    private sealed class ScriptedProvider(TimeProvider time, RunTelemetry telemetry, TimeSpan? lifetime)
        : CachingAccessTokenProvider(time, telemetry)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        public bool FailNext { get; set; }

        public Task? Gate { get; init; }

        /// <summary>Returned once instead of the next token-n.</summary>
        public string? NextToken { get; set; }

        protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _requests);
            if (Gate is not null)
            {
                await Gate;
            }

            if (FailNext)
            {
                FailNext = false;
                throw new RunAuthenticationException("sign-in refused");
            }

            if (NextToken is { } next)
            {
                NextToken = null;
                return (next, Time.GetUtcNow() + lifetime);
            }

            return ($"token-{n}", Time.GetUtcNow() + lifetime);
        }
    }

    private sealed class DefaultsProvider : CachingAccessTokenProvider
    {
        public TimeProvider Clock => Time;

        protected override Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
            => Task.FromResult(("token", (DateTimeOffset?)null));
    }
}

using System.Net;
using Polly;
using Polly.Timeout;
using WxO.Client.Http;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

/// <summary>Which failures the retry may try again: the SDK's own predicate (no Microsoft.Extensions.Http.Resilience).</summary>
public sealed class TransientFailureTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(501, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(599, true)]
    [InlineData(200, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(422, false)]
    [InlineData(499, false)]
    public void An_answer_is_transient_for_408_429_and_every_5xx(int status, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(transient, RunHttpPipeline.IsTransient(Outcome.FromResult(response)));
    }

    public static TheoryData<Exception, bool> Exceptions() => new()
    {
        { new HttpRequestException("reset"), true },
        { new HttpRequestException("refused", null, HttpStatusCode.BadGateway), true },
        { new TimeoutRejectedException("attempt timed out"), true },
        { new OperationCanceledException(), false },
        { new TimeoutException(), false },
        { new IOException("cut"), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void A_failure_is_transient_for_network_errors_and_attempt_timeouts_only(Exception exception, bool transient)
        => Assert.Equal(transient, RunHttpPipeline.IsTransient(Outcome.FromException<HttpResponseMessage>(exception)));

    [Fact]
    public void An_outcome_with_neither_answer_nor_failure_is_not_transient()
        => Assert.False(RunHttpPipeline.IsTransient(Outcome.FromResult<HttpResponseMessage>(null!)));

    [Fact]
    public void A_request_that_creates_a_run_is_retried_only_when_it_could_not_connect()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "http://server/runs");
        create.Options.Set(new HttpRequestOptionsKey<bool>(RunRequestOptions.CreatesRun), true);
        using var read = new HttpRequestMessage(HttpMethod.Get, "http://server/runs/r1");
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.True(RunHttpPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused")), create));
        Assert.True(RunHttpPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.NameResolutionError, "no such host")), create));
        Assert.False(RunHttpPipeline.ShouldRetry(Outcome.FromException<HttpResponseMessage>(
            new HttpRequestException(HttpRequestError.ResponseEnded, "cut")), create));
        Assert.False(RunHttpPipeline.ShouldRetry(Outcome.FromResult(unavailable), create));
        Assert.True(RunHttpPipeline.ShouldRetry(Outcome.FromResult(unavailable), read));
    }
}

using WxO.Client.Tests;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Http;

public sealed class ResilienceTests : IDisposable
{
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private int Requests => _server.LogEntries.Count();

    private void Sequence(params IResponseBuilder[] responses) => _server.GivenSequence(RunPath, responses);

    private static IResponseBuilder Status(int code) => Response.Create().WithStatusCode(code).WithBody("""{"detail":"busy"}""");

    private static IResponseBuilder Ok() => Response.Create().WithStatusCode(200).WithBody(Payloads.Run("r1"));

    [Fact]
    public async Task An_HttpClient_Timeout_set_by_the_app_is_a_TimeoutException_not_a_cancellation()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Ok().WithDelay(1500));
        using var host = new TestHost<IWxORunsClient>(s => s
            .AddWxOClient(o =>
            {
                o.BaseAddress = new Uri(_server.Url!);
                o.BearerToken = WxOTestClient.Token;
            })
            .HttpClientBuilder.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(200)));

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => host.Client.GetRunAsync("r1", TestContext.Current.CancellationToken));

        Assert.Equal("The request to the run server timed out.", ex.Message);
        Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
    }

    [Fact]
    public async Task Two_503s_then_200_succeeds_after_two_retries()
    {
        Sequence(Status(503), Status(503), Ok());
        using var wxo = new WxOTestClient(_server);

        var run = await wxo.Client.GetRunAsync("r1");

        Assert.Equal("r1", run.Id);
        Assert.Equal(3, Requests);
    }

    [Fact]
    public async Task After_a_401_the_request_with_a_fresh_token_is_retried_like_the_first()
    {
        Sequence(Status(401), Status(503), Ok());
        var provider = new RotatingTokenProvider();
        using var wxo = new WxOTestClient(_server, o => (o.BearerToken, o.TokenProvider) = (null, provider));

        var run = await wxo.Client.GetRunAsync("r1");

        // The 401 ends the first token's attempts (a 401 is not transient); the fresh token's 503 is retried with it.
        Assert.Equal("r1", run.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], _server.LogEntries.Select(e => e.Header("Authorization")));
    }

    private sealed class RotatingTokenProvider : WxO.Client.Authentication.IAccessTokenProvider
    {
        private int _count = 1;

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult($"token-{_count}");

        public bool Invalidate(string rejectedToken) => rejectedToken == $"token-{_count++}";
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        Sequence(Status(status), Ok());
        using var wxo = new WxOTestClient(_server);

        await wxo.Client.GetRunAsync("r1");

        Assert.Equal(2, Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Client_errors_are_not_retried(int status)
    {
        Sequence(Status(status), Ok());
        using var wxo = new WxOTestClient(_server);

        await Assert.ThrowsAnyAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(1, Requests);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_count()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Status(503));
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 2);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(3, Requests);
    }

    [Fact]
    public async Task Disabled_pipeline_makes_one_attempt()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Status(503));
        using var wxo = new WxOTestClient(_server, o => o.Resilience.Enabled = false);

        await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(1, Requests);
    }

    /// <summary>
    /// Sends 429 with a Retry-After computed from fake time, then 200, and measures in fake time how long the
    /// client waited. The base delay is 20 s, so a client ignoring Retry-After would wait far longer.
    /// </summary>
    /// <summary>
    /// Answers one 429 with the given Retry-After, then 200, and returns the wait the client set before its retry
    /// (when it set it, for how long).
    /// Also checks the retry really came that late: the server saw it at least that much later on the fake clock.
    /// </summary>
    private async Task<(DateTimeOffset SetAt, TimeSpan Due)> MeasureRetryWaitAsync(
        Func<FakeTimeProvider, string> retryAfter, TimeSpan? maxRetryAfter = null, TimeSpan? baseDelay = null)
    {
        var time = new TimerRecordingTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var arrivals = new List<(DateTimeOffset At, int TimersSoFar)>();
        void Arrived() { lock (arrivals) { arrivals.Add((time.GetUtcNow(), time.Delays.Count)); } }
        _server.Given(Request.Create().WithPath(RunPath)).InScenario("ra").WillSetStateTo("retried")
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Arrived();
                return new WireMock.ResponseMessage
                {
                    StatusCode = 429,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Retry-After"] = new(retryAfter(time)) },
                };
            }));
        _server.Given(Request.Create().WithPath(RunPath)).InScenario("ra").WhenStateIs("retried")
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                Arrived();
                return new WireMock.ResponseMessage { StatusCode = 200, BodyData = new WireMock.Util.BodyData { BodyAsString = Payloads.Run("r1"), DetectedBodyType = WireMock.Types.BodyType.String } };
            }));
        var attemptTimeout = TimeSpan.FromMinutes(7);
        var totalTimeout = TimeSpan.FromMinutes(9);
        using var wxo = new WxOTestClient(_server, o =>
        {
            // Without a Retry-After the first retry would wait minutes, never a value these tests expect.
            o.Resilience.BaseDelay = baseDelay ?? TimeSpan.FromMinutes(3);
            o.Resilience.MaxDelay = TimeSpan.FromMinutes(4);
            o.Resilience.MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMinutes(1);
            o.Resilience.AttemptTimeout = attemptTimeout;
            o.Resilience.TotalTimeout = totalTimeout;
        }, services => services.AddSingleton<TimeProvider>(time));

        await FakeTime.RunAsync(time, wxo.Client.GetRunAsync("r1"), TimeSpan.FromMilliseconds(100));

        Assert.Equal(2, arrivals.Count);
        // Between the two requests the client set exactly one timer besides its timeouts: the wait before the retry.
        var waits = time.Delays.Take(arrivals[1].TimersSoFar).Skip(arrivals[0].TimersSoFar)
            .Where(d => d.Due != attemptTimeout && d.Due != totalTimeout).ToList();
        var wait = Assert.Single(waits);
        Assert.True(arrivals[1].At >= wait.SetAt + wait.Due, $"The retry came at {arrivals[1].At}, before the {wait.Due} wait set at {wait.SetAt} ended.");
        return wait;
    }

    [Fact]
    public async Task Retry_after_seconds_is_honoured()
    {
        var waited = await MeasureRetryWaitAsync(_ => "1");

        Assert.Equal(TimeSpan.FromSeconds(1), waited.Due);
    }

    [Fact]
    public async Task Retry_after_http_date_is_honoured()
    {
        var retryAt = DateTimeOffset.MinValue;
        var waited = await MeasureRetryWaitAsync(t =>
        {
            // An HTTP date has whole seconds: the server's "in 3 s", as a date.
            retryAt = DateTimeOffset.Parse(t.GetUtcNow().AddSeconds(3).ToString("R"), CultureInfo.InvariantCulture);
            return retryAt.ToString("R");
        });

        // The wait runs from the client's own clock to the date (the fake clock may have moved on since the server's answer).
        Assert.InRange(waited.Due, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.InRange(waited.SetAt + waited.Due, retryAt, retryAt + TimeSpan.FromSeconds(0.5));
    }

    [Fact]
    public async Task Without_a_usable_Retry_After_the_backoff_is_jittered()
    {
        // "soon" is no Retry-After value: the client's own exponential backoff applies, with jitter so that many
        // clients failing together do not retry in lockstep. Without jitter the first wait would be exactly 2 s.
        var waited = await MeasureRetryWaitAsync(_ => "soon", baseDelay: TimeSpan.FromSeconds(2));

        Assert.NotEqual(TimeSpan.FromSeconds(2), waited.Due);
        Assert.InRange(waited.Due, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task Huge_retry_after_is_capped()
    {
        var waited = await MeasureRetryWaitAsync(_ => "86400", maxRetryAfter: TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), waited.Due);
    }

    [Theory]
    // No retry: the attempt's limit ends the call.
    [InlineData(0, "The request to the run server timed out. The attempt did not complete within the allowed timeout of '00:05:00'.")]
    // One retry: the first attempt ends at 5 min, the second by the call's deadline at 8 min.
    [InlineData(1, "The call to GET /v1/orchestrate/runs/r1 did not finish within 00:08:00.")]
    public async Task The_attempt_and_total_timeouts_run_on_the_TimeProvider_in_DI(int retries, string message)
    {
        // A server that never answers: only the fake clock can end the call.
        using var server = new ScriptedHttpServer((_, connection) => Task.Delay(Timeout.Infinite, connection.Stopping));
        var time = new FakeTimeProvider();
        using var wxo = new WxOTestClient(server.Url, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.Resilience.TotalTimeout = TimeSpan.FromMinutes(8);
            o.Resilience.MaxRetryAttempts = retries;
        }, services => services.AddSingleton<TimeProvider>(time));

        // 30 s of fake time per 20 ms: minutes apart, the timeouts cannot be confused by real I/O in between.
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => FakeTime.RunAsync(
            time, wxo.Client.GetRunAsync("r1"), TimeSpan.FromSeconds(30), pauseMilliseconds: 20, limit: TimeSpan.FromMinutes(30)));

        Assert.Equal(message, ex.Message);
        Assert.Equal(1 + retries, server.Requests.Count);
    }

    [Fact]
    public async Task Slow_attempts_time_out_and_end_in_TimeoutException()
    {
        var arrivals = 0;
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithCallback(_ =>
        {
            // Counted on arrival: WireMock only logs a request once its (delayed) answer is sent.
            Interlocked.Increment(ref arrivals);
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return new WireMock.ResponseMessage { StatusCode = 200 };
        }));
        using var wxo = new WxOTestClient(_server, o =>
        {
            // Long enough for each attempt to reach the server on a loaded machine, far below the answer's 2 s.
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.Resilience.MaxRetryAttempts = 1;
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Null(ex.InnerException);   // no Polly type handed to callers
        Assert.Equal(2, Volatile.Read(ref arrivals));
    }

    [Fact]
    public async Task Slow_first_attempt_is_retried_and_succeeds()
    {
        Sequence(Ok().WithDelay(TimeSpan.FromSeconds(2)), Ok());
        using var wxo = new WxOTestClient(_server, o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200));

        var run = await wxo.Client.GetRunAsync("r1");

        Assert.Equal("r1", run.Id);
    }

    [Fact]
    public async Task Caller_cancellation_is_OperationCanceledException()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Ok().WithDelay(TimeSpan.FromSeconds(5)));
        using var wxo = new WxOTestClient(_server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wxo.Client.GetRunAsync("r1", cts.Token));
    }

    [Fact]
    public async Task Unreachable_server_is_HttpRequestException_after_retries()
    {
        // Bound but not listening: connections are refused, and no parallel test can take the port meanwhile.
        using var reserved = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        reserved.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)reserved.LocalEndPoint!).Port;
        var services = new ServiceCollection();
        services.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri($"http://127.0.0.1:{port}");
            o.BearerToken = "t";
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
        });
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetRequiredService<IWxORunsClient>().GetRunAsync("r1"));
    }
}

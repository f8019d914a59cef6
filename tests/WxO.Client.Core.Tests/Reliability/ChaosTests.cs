using WxO.Client.Tests;
using System.Collections.Concurrent;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

public sealed class ChaosTests : IDisposable
{
    private const int Calls = 2000;
    private const int MaxRetries = 3;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Two_thousand_calls_against_a_server_failing_20_percent_lose_nothing_and_retry_exactly()
    {
        var random = new Random(20261123);   // seeded: the same failures every run, given the same arrival order
        var seen = new ConcurrentDictionary<string, (int Requests, int Failures)>();
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/*")).RespondWith(Response.Create().WithCallback(request =>
        {
            var id = request.Path.Split('/')[^1];
            bool fail;
            lock (random)
            {
                fail = random.NextDouble() < 0.2;
            }

            seen.AddOrUpdate(id, (1, fail ? 1 : 0), (_, c) => (c.Requests + 1, c.Failures + (fail ? 1 : 0)));
            return fail
                ? new WireMock.ResponseMessage { StatusCode = 503 }
                : new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new WireMock.Util.BodyData { BodyAsString = Payloads.Run(id), DetectedBodyType = WireMock.Types.BodyType.String },
                };
        }));
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = MaxRetries);
        var outcomes = new ConcurrentDictionary<string, Exception?>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Calls), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var id = $"run-{i:D4}";
            try
            {
                var run = await wxo.Client.GetRunAsync(id);
                outcomes[id] = run.Id == id ? null : new InvalidOperationException($"asked for {id}, got {run.Id}");
            }
            catch (Exception ex)
            {
                outcomes[id] = ex;
            }
        });

        Assert.Equal(Calls, outcomes.Count);
        foreach (var (id, error) in outcomes)
        {
            var (requests, failures) = seen[id];
            Assert.InRange(requests, 1, 1 + MaxRetries);          // retries never exceed the configured count
            if (error is null)
            {
                Assert.Equal(requests - 1, failures);              // every 503 was retried, the last answer was the run
            }
            else
            {
                var api = Assert.IsType<RunApiException>(error);   // the only documented way to fail here
                Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, api.StatusCode);
                Assert.Equal((1 + MaxRetries, 1 + MaxRetries), (requests, failures));
            }
        }

        var failed = outcomes.Count(o => o.Value is not null);
        Assert.InRange(failed, 0, 20);   // 0.2^4 of 2,000 ≈ 3 expected
    }
}

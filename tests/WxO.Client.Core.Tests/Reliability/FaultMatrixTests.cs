using WxO.Client.Tests;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

/// <summary>
/// Every fault a run server or the network can produce ends either in success after retries or in the documented
/// exception; no Refit, Polly or bare JSON exception escapes; retries never exceed the configured count.
/// </summary>
public sealed class FaultMatrixTests : IDisposable
{
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private const int MaxRetries = 2;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static IResponseBuilder Status(int status, string body = "", string contentType = "application/json")
        => Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);

    private static IResponseBuilder Ok() => Status(200, Payloads.Run("r1"));

    /// <summary>name → (responses in order, the last one repeating; the expected exception type, or null for success; requests made).</summary>
    private static readonly Dictionary<string, (Func<IResponseBuilder>[] Responses, Type? Expected, int Requests)> Cases = new()
    {
        ["500"] = ([() => Status(500, """{"detail":"boom"}""")], typeof(RunApiException), 1 + MaxRetries),
        ["502 with an HTML body"] = ([() => Status(502, "<html><body>Bad gateway</body></html>", "text/html")], typeof(RunApiException), 1 + MaxRetries),
        ["503 then 200"] = ([() => Status(503), Ok], null, 2),
        ["504"] = ([() => Status(504)], typeof(RunApiException), 1 + MaxRetries),
        ["408"] = ([() => Status(408)], typeof(RunApiException), 1 + MaxRetries),
        ["429 Retry-After seconds, then 200"] = ([() => Status(429).WithHeader("Retry-After", "1"), Ok], null, 2),
        ["429 Retry-After HTTP date, then 200"] = ([() => Status(429).WithHeader("Retry-After", DateTimeOffset.UtcNow.AddSeconds(2).ToString("R")), Ok], null, 2),
        ["429 huge Retry-After (capped), then 200"] = ([() => Status(429).WithHeader("Retry-After", "86400"), Ok], null, 2),
        // WireMock's "faults" still answer 200 with an empty or cut JSON body: an unreadable body, not retried.
        // Real resets and cut-off bodies at the socket level are below (RawHttpServer).
        ["WireMock fault: empty response"] = ([() => Response.Create().WithFault(WireMock.ResponseBuilders.FaultType.EMPTY_RESPONSE)], typeof(RunApiException), 1),
        ["WireMock fault: malformed chunk"] = ([() => Ok().WithFault(WireMock.ResponseBuilders.FaultType.MALFORMED_RESPONSE_CHUNK)], typeof(RunApiException), 1),
        ["empty 200 body"] = ([() => Status(200)], typeof(RunApiException), 1),
        ["200 null body"] = ([() => Status(200, "null")], typeof(RunApiException), 1),
        ["200 HTML body"] = ([() => Status(200, "<html>maintenance</html>", "text/html")], typeof(RunApiException), 1),
        ["200 valid JSON with the wrong content type"] = ([() => Status(200, Payloads.Run("r1"), "text/plain")], null, 1),
        ["401"] = ([() => Status(401, """{"detail":"Invalid token"}""")], typeof(RunAuthenticationException), 1),
        ["403"] = ([() => Status(403, """{"detail":"Forbidden"}""")], typeof(RunAuthenticationException), 1),
        ["404 text/plain"] = ([() => Status(404, "Run not found", "text/plain")], typeof(RunNotFoundException), 1),
        ["404 JSON"] = ([() => Status(404, """{"detail":"Run not found"}""")], typeof(RunNotFoundException), 1),
        ["422 FastAPI"] = ([() => Status(422, """{"detail":[{"loc":["path","run_id"],"msg":"bad","type":"x"}]}""")], typeof(RunValidationException), 1),
        ["400 Zod"] = ([() => Status(400, """{"success":false,"error":{"issues":[{"message":"Invalid uuid","path":["run_id"]}],"name":"ZodError"}}""")], typeof(RunValidationException), 1),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_fault_ends_in_success_or_the_documented_exception(string fault)
    {
        var (responses, expected, requests) = Cases[fault];
        _server.GivenSequence(RunPath, [.. responses.Select(r => r())]);

        using var wxo = new WxOTestClient(_server, o =>
        {
            o.Resilience.MaxRetryAttempts = MaxRetries;
            o.Resilience.MaxRetryAfter = TimeSpan.FromMilliseconds(200);   // keeps the Retry-After cases fast, and caps the huge one
        });
        var started = DateTime.UtcNow;

        var exception = await Record.ExceptionAsync(() => wxo.Client.GetRunAsync("r1"));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "a fault made the call hang");
        if (expected is null)
        {
            Assert.Null(exception);
        }
        else
        {
            Assert.NotNull(exception);
            Assert.Equal(expected, exception.GetType());
            AssertNoForeignTypes(exception);
        }

        Assert.Equal(requests, _server.LogEntries.Count());
    }

    [Theory]
    [InlineData(RawFault.Reset)]
    [InlineData(RawFault.TruncatedBody)]
    public async Task A_connection_reset_or_a_cut_off_body_is_retried_as_a_network_failure(RawFault fault)
    {
        using var raw = new RawHttpServer(Payloads.Run("r1"), n => n < 2 ? fault : RawFault.None);   // fails twice, then answers
        using var host = new WxO.Client.Testing.TestHost<IWxORunsClient>(s => s.AddWxOClient(o =>
        {
            o.BaseAddress = raw.Url;
            o.BearerToken = "t";
            o.Resilience.MaxRetryAttempts = MaxRetries;
            WxO.Client.Testing.TestHost<IWxORunsClient>.FastRetries(o);
        }));

        var run = await host.Client.GetRunAsync("r1");

        Assert.Equal("r1", run.Id);
        Assert.Equal(3, raw.RequestLines.Count);
    }

    [Theory]
    [InlineData(RawFault.Reset)]
    [InlineData(RawFault.TruncatedBody)]
    public async Task A_persistent_reset_or_cut_off_body_ends_in_HttpRequestException_after_the_retries(RawFault fault)
    {
        using var raw = new RawHttpServer(Payloads.Run("r1"), _ => fault);
        using var host = new WxO.Client.Testing.TestHost<IWxORunsClient>(s => s
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())
            .AddWxOClient(o =>
            {
                o.BaseAddress = raw.Url;
                o.BearerToken = "t";
                o.Resilience.MaxRetryAttempts = MaxRetries;
                WxO.Client.Testing.TestHost<IWxORunsClient>.FastRetries(o);
            }));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => host.Client.GetRunAsync("r1"));

        AssertNoForeignTypes(ex);
        // Our pipeline's attempts, from its per-attempt log. (On a reset, SocketsHttpHandler may also re-send a request
        // transparently on a fresh connection, below the pipeline, so the socket can see more requests than this.)
        var attempts = host.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Message == "Sending GET /v1/orchestrate/runs/r1");
        Assert.Equal(1 + MaxRetries, attempts);
        Assert.True(raw.RequestLines.Count >= attempts);
    }

    [Fact]
    public async Task A_response_slower_than_the_attempt_timeout_is_retried_then_TimeoutException()
    {
        var arrivals = 0;
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithCallback(_ =>
        {
            Interlocked.Increment(ref arrivals);
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return new WireMock.ResponseMessage { StatusCode = 200 };
        }));
        using var wxo = new WxOTestClient(_server, o =>
        {
            o.Resilience.MaxRetryAttempts = MaxRetries;
            // Long enough for each attempt to reach the server on a loaded machine, far below the answer's 2 s.
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        });

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => wxo.Client.GetRunAsync("r1"));

        AssertNoForeignTypes(ex);
        Assert.Equal(1 + MaxRetries, Volatile.Read(ref arrivals));
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_RunApiException_and_not_retried()
    {
        var huge = Payloads.Run("r1", extra: $$""", "padding":"{{new string('x', 2 * 1024 * 1024)}}" """);
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Status(200, huge));
        using var wxo = new WxOTestClient(_server, o => o.MaxResponseContentBytes = 1024 * 1024);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Contains("larger than the limit of 1048576 bytes", ex.Message);
        Assert.Equal(RunPath, ex.RequestPath);
        Assert.Single(_server.LogEntries);
    }

    [Theory]
    [InlineData(false)]   // the limit known from Content-Length
    [InlineData(true)]    // found while reading a chunked body
    public async Task A_body_one_byte_over_the_limit_is_refused_and_one_of_exactly_the_limit_is_read(bool chunked)
    {
        var exact = Payloads.Run("r1", extra: """, "pad":"" """);
        exact = exact.Replace("\"pad\":\"\"", $"\"pad\":\"{new string('x', 4096 - System.Text.Encoding.UTF8.GetByteCount(exact))}\"", StringComparison.Ordinal);
        Assert.Equal(4096, System.Text.Encoding.UTF8.GetByteCount(exact));
        using var server = new ScriptedHttpServer(async (request, connection) =>
        {
            var body = request.Target.EndsWith("/over", StringComparison.Ordinal) ? exact[..^1] + " }" : exact;
            if (chunked)
            {
                await connection.StartChunkedAsync("application/json");
                await connection.ChunkAsync(body);
                await connection.EndChunkedAsync();
            }
            else
            {
                await connection.RespondAsync(200, body);
            }
        });
        using var wxo = new WxOTestClient(server.Url, o => o.MaxResponseContentBytes = 4096);

        var read = await wxo.Client.GetRunAsync("r1");
        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("over"));

        Assert.Equal("r1", read.Id);
        Assert.Equal("The response to GET /v1/orchestrate/runs/over is larger than the limit of 4096 bytes"
            + (chunked ? "." : " (Content-Length 4097).") + " Raise MaxResponseContentBytes if such responses are expected.", ex.Message);
        Assert.Equal(("GET", "/v1/orchestrate/runs/over"), (ex.RequestMethod, ex.RequestPath));
    }

    [Fact]
    public async Task A_body_of_json_null_is_an_invalid_body()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody("null"));
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal("GET /v1/orchestrate/runs/r1 returned 200 but the body is not a valid AssistantRun: the body is empty or null", ex.Message);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read_normally()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Ok());
        using var wxo = new WxOTestClient(_server, o => o.MaxResponseContentBytes = 4096);

        Assert.Equal("r1", (await wxo.Client.GetRunAsync("r1")).Id);
    }

    /// <summary>Only documented exception types, and JsonException only as the inner cause of a RunApiException.</summary>
    internal static void AssertNoForeignTypes(Exception exception)
    {
        Assert.IsNotAssignableFrom<JsonException>(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var ns = e.GetType().Namespace ?? string.Empty;
            Assert.False(ns.StartsWith("Refit", StringComparison.Ordinal) || ns.StartsWith("Polly", StringComparison.Ordinal),
                $"{e.GetType().FullName} reached the caller");
        }
    }
}

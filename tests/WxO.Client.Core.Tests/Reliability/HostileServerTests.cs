using WxO.Client.Tests;
using System.IO.Compression;
using System.Net;
using System.Net.NetworkInformation;
using System.Text;
using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Authentication;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

/// <summary>
/// A server that misbehaves one way per test, as an attacker would: echoing credentials, odd token lifetimes, slow
/// sign-ins, undecodable or marked bodies, nulls, endless paging, a different run than asked for. Each test holds one
/// guarantee of docs/RELIABILITY.md.
/// </summary>
public sealed class HostileServerTests : IDisposable
{
    private const string Token = "tok+en/3f9a=SECRET";   // its URL-encoded form differs: tok%2Ben%2F3f9a%3DSECRET
    private const string ApiKey = "ibm-api-key-9Zq";
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private static TestHost<IWxORunsClient> Wxo(Uri baseAddress, Action<WxOClientOptions>? configure = null, Action<IServiceCollection>? services = null)
        => new(s =>
        {
            services?.Invoke(s);
            s.AddWxOClient(o =>
            {
                o.BaseAddress = baseAddress;
                o.BearerToken = Token;
                TestHost<IWxORunsClient>.FastRetries(o);
                configure?.Invoke(o);
            });
        });

    private TestHost<IWxORunsClient> Wxo(Action<WxOClientOptions>? configure = null) => Wxo(new Uri(_server.Url!), configure);

    private static void AssertNoSecret(Exception ex, params string[] secrets)
    {
        var run = ex as RunApiException;
        foreach (var text in new[] { ex.Message, ex.ToString(), run?.ServerMessage, run?.ResponseBody, run?.RequestId })
        {
            foreach (var secret in secrets.SelectMany(s => new[] { s, Uri.EscapeDataString(s) }))
            {
                Assert.DoesNotContain(secret, text ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }

    // 1. Echoed secrets ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_403_quoting_the_Authorization_header_does_not_put_the_token_in_the_exception()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithStatusCode(403)
            .WithBody($$"""{"detail":"Header 'Authorization: Bearer {{Token}}' is not allowed for this run"}"""));
        using var host = Wxo();

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", Ct));

        AssertNoSecret(ex, Token);
        Assert.Equal("Header 'Authorization: Bearer ***' is not allowed for this run", ex.ServerMessage);
    }

    [Fact]
    public async Task A_reason_phrase_or_a_text_404_echoing_the_token_url_encoded_is_blanked()
    {
        using var server = new ScriptedHttpServer((request, connection) => request.Index == 0
            ? connection.RespondAsync(404, $"no run for token {Uri.EscapeDataString(Token)}", "text/plain", reason: $"Not Found for {Token}")
            : connection.RespondAsync(400, "bad", "text/plain", extraHeaders: $"x-request-id: {Token}\r\n"));
        using var host = Wxo(server.Url);

        var notFound = await Assert.ThrowsAsync<RunNotFoundException>(() => host.Client.GetRunAsync("r1", Ct));
        var invalid = await Assert.ThrowsAsync<RunValidationException>(() => host.Client.GetRunAsync("r1", Ct));

        AssertNoSecret(notFound, Token);
        AssertNoSecret(invalid, Token);
        Assert.Equal("GET /v1/orchestrate/runs/r1 failed with 404 Not Found for ***: no run for token ***", notFound.Message);
        Assert.Equal("***", invalid.RequestId);
    }

    [Fact]
    public async Task An_IAM_400_quoting_the_api_key_and_an_API_error_quoting_the_issued_token_are_blanked()
    {
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost()).InScenario("iam").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(400).WithBody($$"""{"errorCode":"BXNIM0415E","errorMessage":"Provided API key '{{ApiKey}}' could not be found."}"""));
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost()).InScenario("iam").WhenStateIs("second")
            .RespondWith(Response.Create().WithBody("""{"access_token":"issued-token-Z81k","expires_in":3600}"""));
        _server.Given(Request.Create().WithPath("/instances/i/v1/orchestrate/runs/r1"))
            .RespondWith(Response.Create().WithStatusCode(500).WithBody($"upstream rejected bearer issued-token-Z81k of key {ApiKey}"));
        using var host = Wxo(new Uri(_server.Url + "/instances/i"), o =>
        {
            o.BearerToken = null;
            o.ApiKey = ApiKey;
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
            o.Resilience.MaxRetryAttempts = 0;
        });

        var signIn = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", Ct));
        var api = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetRunAsync("r1", Ct));

        AssertNoSecret(signIn, ApiKey);
        Assert.Equal("Provided API key '***' could not be found.", signIn.ServerMessage);
        AssertNoSecret(api, "issued-token-Z81k");
        AssertNoSecret(api, ApiKey);
        Assert.Equal("upstream rejected bearer *** of key ***", api.ServerMessage);
    }

    [Fact]
    public async Task A_LangGraph_server_echoing_the_api_key_does_not_leak_it()
    {
        _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(401).WithBody("Invalid x-api-key lsv2_pt_0123456789"));
        using var host = new TestHost<ILangGraphRunsClient>(s => s.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri(_server.Url!);
            o.ApiKey = "lsv2_pt_0123456789";
        }));

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetThreadRunAsync(Guid.NewGuid(), Guid.NewGuid(), Ct));

        AssertNoSecret(ex, "lsv2_pt_0123456789");
    }

    // 2. Credentials outside visible ASCII --------------------------------------------------------------------------

    [Theory]
    [InlineData("abc\0def", "a control character at position 4")]
    [InlineData("abc\tdef", "a control character at position 4")]
    [InlineData("tökén", "a character outside ASCII at position 2")]
    [InlineData("abc def", "a space at position 4")]
    [InlineData("abc\n", "a line break (CR or LF) at position 4")]
    public void Credentials_outside_visible_ASCII_are_refused_at_startup(string credential, string expected)
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o => { o.BaseAddress = new Uri("https://x.cloud.ibm.com/instances/a"); o.ApiKey = credential; });
        services.AddLangGraphClient(o => { o.BaseAddress = new Uri("http://127.0.0.1:2024"); o.ApiKey = credential; });
        using var provider = services.BuildServiceProvider();

        var wxoFailure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WxOClientOptions>>().Value);
        var langGraphFailure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LangGraphClientOptions>>().Value);

        var bearer = new ServiceCollection().AddWxOClient(o => { o.BaseAddress = new Uri("https://x.cloud.ibm.com/instances/a"); o.BearerToken = credential; }).Services;
        using var bearerProvider = bearer.BuildServiceProvider();
        var bearerFailure = Assert.Throws<OptionsValidationException>(() => bearerProvider.GetRequiredService<IOptions<WxOClientOptions>>().Value);

        Assert.Contains($"WxO:ApiKey contains {expected}", wxoFailure.Message);
        Assert.Contains($"LangGraph:ApiKey (or the LANGGRAPH_API_KEY/LANGSMITH_API_KEY/LANGCHAIN_API_KEY environment variable) contains {expected}", langGraphFailure.Message);
        Assert.Contains($"WxO:BearerToken contains {expected}", bearerFailure.Message);
        Assert.All(new[] { wxoFailure, langGraphFailure, bearerFailure }, f => Assert.DoesNotContain(credential, f.Message));
    }

    [Fact]
    public async Task An_issued_token_with_a_control_character_ends_the_call_with_no_request_and_no_retry()
    {
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost())
            .RespondWith(Response.Create().WithBody("{\"access_token\":\"bad\\u0000token\",\"expires_in\":3600}"));
        using var host = Wxo(new Uri(_server.Url + "/instances/i"), o =>
        {
            o.BearerToken = null;
            o.ApiKey = ApiKey;
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
        });

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", Ct));
        await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", Ct));

        Assert.Contains("a control character", ex.Message);
        Assert.Equal(2, _server.LogEntries.Count());   // one sign-in per call (never cached), no API request, no retry
        Assert.All(_server.LogEntries, e => Assert.Equal("/identity/token", e.RequestMessage!.Path));
    }

    [Fact]
    public async Task A_custom_provider_token_outside_ASCII_sends_nothing()
    {
        using var host = Wxo(o => { o.BearerToken = null; o.TokenProvider = new FixedTokenProvider("tökén-1234"); });

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", Ct));

        Assert.Contains("a character outside ASCII at position 2", ex.Message);
        Assert.Empty(_server.LogEntries);
    }

    // 3. Odd token lifetimes ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("\"expires_in\":99999999999999", 1, 24 * 0.8, 2)]          // cut to a day: refreshed after 0.8 day
    [InlineData("\"expiration\":99999999999999", 1, 24 * 365, 1)]          // beyond any date: unknown, kept until a 401
    [InlineData("\"expires_in\":0", 1, 24 * 365, 1)]
    [InlineData("\"expires_in\":-5", 1, 24 * 365, 1)]
    [InlineData("\"expiration\":1000", 1, 24 * 365, 1)]                    // already past: unknown, not a sign-in per call
    public async Task Odd_token_lifetimes_never_throw_nor_storm_the_identity_service(string lifetime, int signInsAtFirst, double laterHours, int signInsLater)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T00:00:00Z"));
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost())
            .RespondWith(Response.Create().WithBody($$"""{"access_token":"token-abcdef",{{lifetime}}}"""));
        _server.Given(Request.Create().WithPath("/instances/i/v1/orchestrate/runs/r1")).RespondWith(Response.Create().WithBody(Payloads.Run("r1")));
        using var host = Wxo(new Uri(_server.Url + "/instances/i"), o =>
        {
            o.BearerToken = null;
            o.ApiKey = ApiKey;
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
        }, s => s.AddSingleton<TimeProvider>(time));
        int SignIns() => _server.LogEntries.Count(e => e.RequestMessage!.Path == "/identity/token");

        for (var i = 0; i < 5; i++)
        {
            await host.Client.GetRunAsync("r1", Ct);
        }

        Assert.Equal(signInsAtFirst, SignIns());
        time.Advance(TimeSpan.FromHours(laterHours) + TimeSpan.FromSeconds(1));
        await host.Client.GetRunAsync("r1", Ct);
        Assert.Equal(signInsLater, SignIns());
    }

    // 4. TotalTimeout is total --------------------------------------------------------------------------------------

    [Fact]
    public async Task Sign_in_and_the_retry_after_a_401_end_by_the_total_timeout()
    {
        _server.Given(Request.Create().WithPath("/identity/token").UsingPost())
            .RespondWith(Response.Create().WithDelay(1200).WithBody("""{"access_token":"token-abcdef","expires_in":3600}"""));
        _server.GivenSequence("/instances/i/v1/orchestrate/runs/r1",
            Response.Create().WithStatusCode(401).WithBody("""{"detail":"expired"}"""),
            Response.Create().WithBody(Payloads.Run("r1")));
        using var host = Wxo(new Uri(_server.Url + "/instances/i"), o =>
        {
            o.BearerToken = null;
            o.ApiKey = ApiKey;
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(_server.Url + "/identity/token");
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1.5);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(2);
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Sign-in (1.2 s), a 401, a second sign-in (1.2 s): 2.4 s of work against a 2 s budget. Before the deadline
        // wrapped the credentials, this call succeeded after 2.4 s; the bound below leaves room for a loaded machine.
        await Assert.ThrowsAsync<TimeoutException>(() => host.Client.GetRunAsync("r1", Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"took {clock.Elapsed}");
    }

    // 5. and 6. Undecodable and BOM-marked bodies -------------------------------------------------------------------

    [Fact]
    public async Task A_gzip_header_over_bytes_that_are_not_is_an_invalid_body_not_retried()
    {
        using var server = new ScriptedHttpServer((_, connection) =>
            connection.RespondAsync(200, Encoding.ASCII.GetBytes("this is not gzip at all"), extraHeaders: "Content-Encoding: gzip\r\n"));
        using var host = Wxo(server.Url);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetRunAsync("r1", Ct));

        Assert.IsType<InvalidDataException>(ex.InnerException);
        Assert.StartsWith("The response to GET /v1/orchestrate/runs/r1 could not be decoded", ex.Message);
        Assert.Equal(("GET", "/v1/orchestrate/runs/r1", null), (ex.RequestMethod, ex.RequestPath, ex.StatusCode));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Real_gzip_is_still_read()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Payloads.Run("r1")));
        }

        using var server = new ScriptedHttpServer((_, connection) => connection.RespondAsync(200, compressed.ToArray(), extraHeaders: "Content-Encoding: gzip\r\n"));
        using var host = Wxo(server.Url);

        Assert.Equal("r1", (await host.Client.GetRunAsync("r1", Ct)).Id);
    }

    [Fact]
    public async Task A_UTF8_byte_order_mark_before_the_JSON_is_accepted()
    {
        _server.Given(Request.Create().WithPath(RunPath))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Payloads.Run("r1"))]));
        using var host = Wxo();

        Assert.Equal("r1", (await host.Client.GetRunAsync("r1", Ct)).Id);
    }

    // 7. Nulls where the model says non-null ------------------------------------------------------------------------

    [Fact]
    public async Task Null_ids_are_invalid_bodies_and_null_pages_or_items_read_as_empty_or_skipped()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody("""{"id":null,"status":"running"}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r2")).RespondWith(Response.Create().WithBody("""{"status":"running"}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingGet().WithParam("offset", "0"))
            .RespondWith(Response.Create().WithBody($$"""{"total":3,"limit":2,"offset":0,"data":[{{Payloads.Run("a")}},null]}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingGet().WithParam("offset", "2"))
            .RespondWith(Response.Create().WithBody("""{"total":3,"limit":2,"offset":2,"data":null}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingPost()).RespondWith(Response.Create().WithBody("""{"run_id":null}"""));
        using var host = Wxo();

        var nullId = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetRunAsync("r1", Ct));
        var noId = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetRunAsync("r2", Ct));
        var page = await host.Client.ListRunsAsync(2, 0, Ct);
        var empty = await host.Client.ListRunsAsync(2, 2, Ct);
        var all = await host.Client.EnumerateRunsAsync(2, Ct).ToListAsync(Ct);
        var created = await Assert.ThrowsAsync<RunApiException>(() => host.Client.CreateRunAsync(new Models.CreateRunRequest { Message = Models.RunMessage.FromUser("hi") }, Ct));

        Assert.Equal("GET /v1/orchestrate/runs/r1 returned 200 but the body is not a valid AssistantRun: The run has no \"id\" (missing or null).", nullId.Message);
        Assert.Equal("GET /v1/orchestrate/runs/r2 returned 200 but the body is not a valid AssistantRun: The run has no \"id\" (missing or null).", noId.Message);
        Assert.Equal(["a"], page.Data.Select(r => r.Id));
        Assert.Empty(empty.Data);
        Assert.Equal(["a"], all.Select(r => r.Id));
        Assert.Contains("\"run_id\" is null", created.Message);
    }

    [Fact]
    public async Task LangGraph_lists_skip_null_items()
    {
        var threadId = Guid.NewGuid();
        var runId = Guid.NewGuid();
        _server.Given(Request.Create().WithPath($"/threads/{threadId}/runs").UsingGet()).RespondWith(Response.Create().WithBody(
            $$"""[null,{"run_id":"{{runId}}","thread_id":"{{threadId}}","status":"success"}]"""));
        using var host = new TestHost<ILangGraphRunsClient>(s => s.AddLangGraphClient(o => { o.BaseAddress = new Uri(_server.Url!); o.ReadApiKeyFromEnvironment = false; }));

        var runs = await host.Client.EnumerateThreadRunsAsync(threadId, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([runId], runs.Select(r => r.RunId));
    }

    // 8. Enumeration that cannot end --------------------------------------------------------------------------------

    [Fact]
    public async Task A_server_that_cycles_through_pages_with_total_always_ahead_cannot_make_enumeration_loop()
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingGet()).RespondWith(Response.Create().WithCallback(request =>
        {
            var offset = int.Parse(request.Query!["offset"].Single());
            var ids = (offset / 2 % 2 == 0) ? new[] { "a1", "a2" } : ["b1", "b2"];   // A, B, A, B, …
            return new WireMock.ResponseMessage
            {
                StatusCode = 200,
                BodyData = new WireMock.Util.BodyData { BodyAsString = Payloads.Page(ids, total: 1_000_000, limit: 2, offset), DetectedBodyType = WireMock.Types.BodyType.String },
            };
        }));
        using var host = Wxo();

        var runs = await host.Client.EnumerateRunsAsync(2, Ct).ToListAsync(Ct);

        Assert.Equal(["a1", "a2", "b1", "b2"], runs.Select(r => r.Id));
        Assert.Equal(3, _server.LogEntries.Count());   // the third page brought nothing new
    }

    // 9. Disposal closes connections --------------------------------------------------------------------------------

    [Fact]
    public async Task A_thousand_build_use_dispose_cycles_leave_no_open_connections()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody(Payloads.Run("r1")));
        var port = new Uri(_server.Url!).Port;

        for (var i = 0; i < 1000; i++)
        {
            using var host = Wxo();
            await host.Client.GetRunAsync("r1", Ct);
        }

        await using (var client = WxORunsClient.Create(o => { o.BaseAddress = new Uri(_server.Url!); o.BearerToken = Token; }))
        {
            await client.GetRunAsync("r1", Ct);
        }

        // Client-side sockets to the server still established: none should outlive their container.
        var open = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Count(c => c.RemoteEndPoint.Port == port && c.State == TcpState.Established);
        Assert.True(open <= 5, $"{open} connections still open");
    }

    // 10. Duplicate keys, out-of-range numbers, a different run -----------------------------------------------------

    [Fact]
    public async Task A_different_run_than_asked_for_is_an_invalid_body()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody(Payloads.Run("r2")));
        using var host = Wxo();

        var ex = await Assert.ThrowsAsync<RunApiException>(() => host.Client.GetRunAsync("r1", Ct));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.EndsWith("is not a valid AssistantRun: it is run 'r2', not the run 'r1' asked for", ex.Message);
    }

    [Fact]
    public async Task Duplicate_keys_read_the_last_value_and_a_number_beyond_double_reads_as_infinity()
    {
        _server.Given(Request.Create().WithPath(RunPath)).RespondWith(Response.Create().WithBody(
            """{"id":"r1","status":"running","status":"completed"}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/r9")).RespondWith(Response.Create().WithBody(
            """{"id":"r9","llm_params":{"temperature":1e400}}"""));
        using var host = Wxo();

        var run = await host.Client.GetRunAsync("r1", Ct);
        var huge = await host.Client.GetRunAsync("r9", Ct);

        // Documented decisions (docs/RELIABILITY.md): the last duplicate wins, as in System.Text.Json; an out-of-range
        // number is IEEE infinity, as .NET parses it, not an error.
        Assert.Equal("completed", run.Status!.Value.Value);
        Assert.Equal(double.PositiveInfinity, huge.LlmParams!.Temperature);
    }
}

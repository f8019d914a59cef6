using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using WxO.Client.Authentication;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Authentication;

public sealed class IbmSignInTests : IDisposable
{
    private const string ApiKey = "ibm-api-key-7Q2x";
    private const string RunPath = "/instances/inst-123/v1/orchestrate/runs/r1";
    private const string IamPath = "/identity/token";
    private const string McspV1Path = "/siusermgr/api/1.0/apikeys/token";
    private const string McspV2Path = "/api/2.0/services/inst-123/apikeys/token";
    private readonly WireMockServer _server = WireMockServer.Start();
    private int _tokensIssued;

    public void Dispose() => _server.Stop();

    private IEnumerable<WireMock.Logging.ILogEntry> Requests(string path) => _server.LogEntries.Where(e => e.RequestMessage!.Path == path);

    private static ResponseMessage Json(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String },
    };

    /// <summary>A token endpoint issuing token-1, token-2, … each valid for <paramref name="expiresIn"/> seconds.</summary>
    private void IssueTokens(string path, string tokenField = "access_token", int expiresIn = 3600, int delayMs = 0)
        => _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            if (delayMs > 0)
            {
                Thread.Sleep(delayMs);
            }

            var n = Interlocked.Increment(ref _tokensIssued);
            return Json(200, $$"""{"{{tokenField}}":"token-{{n}}","token_type":"Bearer","expires_in":{{expiresIn}}}""");
        }));

    private void ApiAnswers(params int[] statuses)
        => _server.GivenSequence(RunPath, [.. statuses.Select(status =>
            Response.Create().WithStatusCode(status).WithBody(status == 200 ? Payloads.Run("r1") : """{"detail":"Invalid token"}"""))]);

    private TestHost<IWxORunsClient> Client(AuthenticationMode mode, string tokenPath, Action<IServiceCollection>? services = null)
        => new(collection =>
        {
            services?.Invoke(collection);
            collection.AddWxOClient(o =>
            {
                o.BaseAddress = new Uri(_server.Url + "/instances/inst-123");
                o.ApiKey = ApiKey;
                o.AuthenticationMode = mode;
                o.TokenEndpoint = new Uri(_server.Url + tokenPath);
                TestHost<IWxORunsClient>.FastRetries(o);
            });
        });

    [Fact]
    public async Task A_client_made_without_DI_signs_in_through_the_same_pipeline_retries_included()
    {
        _server.GivenSequence(IamPath, [
            Response.Create().WithStatusCode(503),
            Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"access_token":"token-1","expires_in":3600}""")]);
        ApiAnswers(200);
        using var client = WxORunsClient.Create(o =>
        {
            o.BaseAddress = new Uri(_server.Url + "/instances/inst-123");
            o.ApiKey = ApiKey;
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(_server.Url + IamPath);
            TestHost<IWxORunsClient>.FastRetries(o);
        });

        Assert.Equal("r1", (await client.GetRunAsync("r1", TestContext.Current.CancellationToken)).Id);

        Assert.Equal(2, Requests(IamPath).Count());
        Assert.Equal("Bearer token-1", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Adding_the_client_twice_keeps_one_sign_in_pipeline()
    {
        _server.Given(Request.Create().WithPath(IamPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath, s => s.AddWxOClient(o => o.Resilience.MaxRetryAttempts = 1));

        await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1", TestContext.Current.CancellationToken));

        // One attempt and one retry: a second set of handlers would have retried the retries.
        Assert.Equal(2, Requests(IamPath).Count());
    }

    [Fact]
    public async Task Ibm_cloud_iam_gets_a_form_post_and_the_api_call_carries_the_token()
    {
        IssueTokens(IamPath);
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        await host.Client.GetRunAsync("r1");

        var token = Assert.Single(Requests(IamPath)).RequestMessage!;
        Assert.Equal("POST", token.Method);
        Assert.Equal("application/x-www-form-urlencoded", token.Headers!["Content-Type"].Single());
        Assert.Equal("grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey&apikey=" + ApiKey, token.Body);
        Assert.Equal("application/json", token.Headers!["Accept"].Single());
        Assert.Equal("Bearer token-1", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Mcsp_v1_gets_a_json_post_and_the_api_call_carries_the_token()
    {
        IssueTokens(McspV1Path, tokenField: "token");
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.McspV1, McspV1Path);

        await host.Client.GetRunAsync("r1");

        var token = Assert.Single(Requests(McspV1Path)).RequestMessage!;
        Assert.Equal("POST", token.Method);
        Assert.StartsWith("application/json", token.Headers!["Content-Type"].Single());
        Assert.Equal($$"""{"apikey":"{{ApiKey}}"}""", token.Body);
        Assert.Equal("Bearer token-1", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Mcsp_v2_posts_to_the_instance_of_the_base_address()
    {
        IssueTokens(McspV2Path, tokenField: "token");
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.McspV2, "/api/2.0/services/{instance_id}/apikeys/token");

        await host.Client.GetRunAsync("r1");

        var token = Assert.Single(Requests(McspV2Path)).RequestMessage!;
        Assert.StartsWith("application/json", token.Headers!["Content-Type"].Single());
        Assert.Equal($$"""{"apikey":"{{ApiKey}}"}""", token.Body);
        Assert.Equal("Bearer token-1", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Mcsp_token_without_expires_in_uses_the_jwt_exp_claim()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        var exp = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var payload = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"sub":"x","exp":{{exp}}}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var jwt = $"eyJhbGciOiJub25lIn0.{payload}.sig";
        _server.Given(Request.Create().WithPath(McspV1Path).UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            Interlocked.Increment(ref _tokensIssued);
            return Json(200, $$"""{"token":"{{jwt}}","token_type":"jwt"}""");
        }));
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.McspV1, McspV1Path, s => s.AddSingleton<TimeProvider>(time));

        await AssertReusedUntil2880SecondsAsync(host.Client, time);

        Assert.Equal($"Bearer {jwt}", Requests(RunPath).Last().Header("Authorization"));
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A JWT whose payload is <paramref name="json"/>, base64url without padding, as identity services issue them.</summary>
    private static string Jwt(string json)
        => "eyJhbGciOiJub25lIn0." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

    public static TheoryData<string, string, int?> Lifetimes() => new()
    {
        // IAM's expiration (unix seconds) without expires_in: 3600 s left.
        { IamPath, $$"""{"access_token":"T","expiration":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""", 2880 },
        // The latest expiration a date can hold: capped at one day, so refreshed at 80 % of it.
        { IamPath, """{"access_token":"T","expiration":253402300799}""", 69120 },
        { IamPath, """{"access_token":"T","expires_in":259200}""", 69120 },
        // Already expired, or nonsense: no known lifetime, so reused until the server rejects it.
        { IamPath, $$"""{"access_token":"T","expiration":{{Now.ToUnixTimeSeconds()}}}""", null },
        { IamPath, """{"access_token":"T","expiration":0}""", null },
        { IamPath, """{"access_token":"T","expiration":253402300800}""", null },
        // A JWT's exp claim, also capped; the payload lengths need one and two padding characters.
        { McspV1Path, $$"""{"token":"{{Jwt($$"""{"sub":"ab","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""")}}"}""", 2880 },
        { McspV1Path, $$"""{"token":"{{Jwt($$"""{"sub":"x","exp":{{Now.AddHours(1).ToUnixTimeSeconds()}}}""")}}"}""", 2880 },
        { McspV1Path, $$"""{"token":"{{Jwt($$"""{"exp":{{Now.AddDays(3).ToUnixTimeSeconds()}}}""")}}"}""", 69120 },
        { McspV1Path, $$"""{"token":"{{Jwt($$"""{"exp":{{Now.ToUnixTimeSeconds()}}}""")}}"}""", null },
        // An opaque token shaped like a JWT: a payload that is not base64, or not JSON, has no lifetime.
        { McspV1Path, """{"token":"head.@@@.sig"}""", null },
        { McspV1Path, """{"token":"head.bm90IGpzb24.sig"}""", null },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public async Task A_tokens_lifetime_comes_from_expires_in_expiration_or_the_jwt_and_is_capped_at_a_day(string path, string body, int? refreshAtSeconds)
    {
        var time = new FakeTimeProvider(Now);
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            Interlocked.Increment(ref _tokensIssued);
            return Json(200, body);
        }));
        ApiAnswers(200);
        using var host = Client(path == IamPath ? AuthenticationMode.IbmCloudIam : AuthenticationMode.McspV1, path, s => s.AddSingleton<TimeProvider>(time));

        await host.Client.GetRunAsync("r1");
        await host.Client.GetRunAsync("r1");
        Assert.Equal(1, _tokensIssued);
        if (refreshAtSeconds is { } seconds)
        {
            time.Advance(TimeSpan.FromSeconds(seconds - 1));
            await host.Client.GetRunAsync("r1");
            Assert.Equal(1, _tokensIssued);
            time.Advance(TimeSpan.FromSeconds(1));
            await host.Client.GetRunAsync("r1");
            Assert.Equal(2, _tokensIssued);
        }
        else
        {
            time.Advance(TimeSpan.FromDays(30));
            await host.Client.GetRunAsync("r1");
            Assert.Equal(1, _tokensIssued);
        }
    }

    [Theory]
    [InlineData(IamPath, """{"token_type":"Bearer","expires_in":3600}""", "Sign-in at /identity/token returned no access_token.")]
    [InlineData(McspV1Path, """{"token_type":"jwt"}""", "Sign-in at /siusermgr/api/1.0/apikeys/token returned no token.")]
    [InlineData(IamPath, """{"access_token":"a b"}""", "Sign-in at /identity/token returned a access_token that contains a space at position 2 of 3; only visible ASCII characters are allowed; it cannot be sent.")]
    public async Task A_sign_in_answer_without_a_usable_token_names_the_field(string path, string body, string message)
    {
        _server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(_ => Json(200, body)));
        ApiAnswers(200);
        using var host = Client(path == IamPath ? AuthenticationMode.IbmCloudIam : AuthenticationMode.McspV1, path);

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1"));

        Assert.Equal(message, ex.Message);
        Assert.Empty(Requests(RunPath));
    }

    /// <summary>A 3600 s token: one sign-in, still the same token at 2879 s, a new sign-in at 2880 s (80 %).</summary>
    private async Task AssertReusedUntil2880SecondsAsync(IWxORunsClient client, FakeTimeProvider time)
    {
        await client.GetRunAsync("r1");
        time.Advance(TimeSpan.FromSeconds(2879));
        await client.GetRunAsync("r1");
        Assert.Equal(1, _tokensIssued);

        time.Advance(TimeSpan.FromSeconds(1));
        await client.GetRunAsync("r1");
        Assert.Equal(2, _tokensIssued);
    }

    [Fact]
    public async Task A_3600_second_token_is_refreshed_at_2880_seconds_and_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        IssueTokens(IamPath, expiresIn: 3600);
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath, s => s.AddSingleton<TimeProvider>(time));

        await AssertReusedUntil2880SecondsAsync(host.Client, time);

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], Requests(RunPath).Select(e => e.Header("Authorization")));
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_with_an_empty_cache_make_one_token_request()
    {
        IssueTokens(IamPath, delayMs: 300);
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => host.Client.GetRunAsync("r1")));

        Assert.Equal(1, _tokensIssued);
        Assert.Single(Requests(IamPath));
        Assert.Equal(200, Requests(RunPath).Count());
        Assert.All(Requests(RunPath), e => Assert.Equal("Bearer token-1", e.Header("Authorization")));
    }

    [Fact]
    public async Task A_401_refreshes_the_token_and_retries_once()
    {
        IssueTokens(IamPath);
        ApiAnswers(401, 200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        var run = await host.Client.GetRunAsync("r1");

        Assert.Equal("r1", run.Id);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], Requests(RunPath).Select(e => e.Header("Authorization")));
        Assert.Equal(2, _tokensIssued);
    }

    [Fact]
    public async Task A_persistent_401_is_RunAuthenticationException_after_one_retry()
    {
        IssueTokens(IamPath);
        ApiAnswers(401);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal(2, Requests(RunPath).Count());
        Assert.Equal(2, _tokensIssued);
    }

    [Fact]
    public async Task A_fixed_bearer_token_is_not_retried_on_401()
    {
        ApiAnswers(401, 200);
        using var host = new TestHost<IWxORunsClient>(s => s.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri(_server.Url + "/instances/inst-123");
            o.BearerToken = "fixed";
        }));

        await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1"));

        Assert.Single(Requests(RunPath));
    }

    [Fact]
    public async Task A_token_endpoint_400_is_RunAuthenticationException_with_its_message_and_the_next_call_tries_again()
    {
        _server.GivenSequence(IamPath,
            Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found.","context":{"requestId":"abc"}}"""),
            Response.Create().WithBody("""{"access_token":"token-after","expires_in":3600}"""));
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r1"));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("Provided API key could not be found.", ex.ServerMessage);
        Assert.Contains("Provided API key could not be found.", ex.Message);
        Assert.Empty(Requests(RunPath));

        await host.Client.GetRunAsync("r1");

        Assert.Equal(2, Requests(IamPath).Count());
        Assert.Equal("Bearer token-after", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task The_token_endpoint_is_retried_on_transient_errors_only()
    {
        _server.GivenSequence(IamPath,
            Response.Create().WithStatusCode(503),
            Response.Create().WithBody("""{"access_token":"token-x","expires_in":3600}"""));
        ApiAnswers(200);
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath);

        await host.Client.GetRunAsync("r1");

        Assert.Equal(2, Requests(IamPath).Count());
        Assert.Equal("Bearer token-x", Assert.Single(Requests(RunPath)).Header("Authorization"));
    }

    [Fact]
    public async Task Neither_the_api_key_nor_any_token_appears_in_logs_or_exceptions()
    {
        var logs = new LogCollector();
        IssueTokens(IamPath);
        ApiAnswers(200);
        _server.Given(Request.Create().WithPath("/instances/inst-123/v1/orchestrate/runs/r2"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"detail":"Invalid token"}"""));   // refresh, retry, fail
        using var host = Client(AuthenticationMode.IbmCloudIam, IamPath,
            s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));

        await host.Client.GetRunAsync("r1");
        var ex = await Assert.ThrowsAsync<RunAuthenticationException>(() => host.Client.GetRunAsync("r2"));
        var options = host.Services.GetRequiredService<IOptions<WxOClientOptions>>().Value;

        var everything = string.Join("\n", logs.Lines) + "\n" + ex + "\n" + options;
        Assert.Contains(logs.Lines, l => l.StartsWith("Trace", StringComparison.Ordinal));   // Trace was really captured
        Assert.Contains("POST /identity/token answered 200", everything);                            // every attempt was logged,
        Assert.Contains("GET /instances/inst-123/v1/orchestrate/runs/r2 answered 401", everything);  // the rejected ones too
        Assert.DoesNotContain(ApiKey, everything);
        for (var n = 1; n <= _tokensIssued; n++)
        {
            Assert.DoesNotContain($"token-{n}", everything);
        }
    }

    [Theory]
    [InlineData("https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/abc", AuthenticationMode.IbmCloudIam, "https://iam.cloud.ibm.com/identity/token")]
    [InlineData("https://api.dl.watson-orchestrate.ibm.com/instances/abc", AuthenticationMode.McspV1, "https://iam.platform.saas.ibm.com/siusermgr/api/1.0/apikeys/token")]
    public void Auto_picks_the_identity_service_from_the_host(string baseAddress, AuthenticationMode expected, string endpoint)
    {
        var options = new WxOClientOptions { BaseAddress = new Uri(baseAddress), ApiKey = ApiKey };

        Assert.Equal(expected, IbmSignIn.EffectiveMode(options));
        Assert.Equal(new Uri(endpoint), IbmSignIn.TokenEndpoint(options));
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void Mcsp_v2_signs_in_to_the_instance_id_of_the_base_address()
    {
        var options = new WxOClientOptions
        {
            BaseAddress = new Uri("https://api.dl.watson-orchestrate.ibm.com/instances/20f0a1b2-aaaa"),
            ApiKey = ApiKey,
            AuthenticationMode = AuthenticationMode.McspV2,
        };

        Assert.Equal(new Uri("https://account-iam.platform.saas.ibm.com/api/2.0/services/20f0a1b2-aaaa/apikeys/token"), IbmSignIn.TokenEndpoint(options));
    }

    [Theory]
    [InlineData("https://wxo.example.com/instances/abc", AuthenticationMode.Auto, "cannot be inferred")]
    [InlineData("https://wxo.example.com/api", AuthenticationMode.McspV2, "needs the instance id")]
    [InlineData("https://wxo.example.com/instances", AuthenticationMode.McspV2, "needs the instance id")]
    public void Api_key_setups_that_cannot_work_fail_validation(string baseAddress, AuthenticationMode mode, string expected)
    {
        var failures = Failures(new WxOClientOptions { BaseAddress = new Uri(baseAddress), ApiKey = ApiKey, AuthenticationMode = mode });

        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains(ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_kinds_of_credentials_fail_validation()
    {
        var failures = Failures(new WxOClientOptions { BaseAddress = new Uri("https://x.cloud.ibm.com/instances/a"), ApiKey = ApiKey, BearerToken = "t" });

        Assert.Contains(failures, f => f.Contains("only one of", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sign_in_wire_models_print_no_credential()
    {
        // Records print every property by default: these hold the API key and the tokens.
        Assert.Equal("IamTokenResponse(***)", new IamTokenResponse { AccessToken = "iam-secret" }.ToString());
        Assert.Equal("McspTokenRequest(***)", new McspTokenRequest { ApiKey = ApiKey }.ToString());
        Assert.Equal("McspTokenResponse(***)", new McspTokenResponse { Token = "mcsp-secret" }.ToString());
    }

    private static List<string> Failures(WxOClientOptions options)
    {
        var result = WxOClientOptionsValidator.Instance.Validate(null, options);
        return [.. result.Failures ?? []];
    }
}

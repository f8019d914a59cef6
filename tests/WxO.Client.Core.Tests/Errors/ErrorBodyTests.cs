using WxO.Client.Tests;
using System.Net;
using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace WxO.Client.Core.Tests.Errors;

/// <summary>How an error body becomes the exception's message, and the limits on what is read and kept.</summary>
public sealed class ErrorBodyTests : IDisposable
{
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private const string Prefix = "GET /v1/orchestrate/runs/r1 failed with 400 Bad Request";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private async Task<RunApiException> FailAsync(string body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(400).WithHeader("Content-Type", contentType).WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request.Create().WithPath(RunPath).UsingGet()).RespondWith(response);
        using var wxo = new WxOTestClient(_server);
        return await Assert.ThrowsAnyAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));
    }

    [Theory]
    // Most specific first: detail, message, error_description, error, title.
    [InlineData("""{"title":"T","error":"E","error_description":"D","message":"M","detail":"X"}""", "X")]
    [InlineData("""{"title":"T","error":"E","error_description":"D","message":"M"}""", "M")]
    [InlineData("""{"title":"T","error":"E","error_description":"D"}""", "D")]
    [InlineData("""{"title":"T","error":"E"}""", "E")]
    [InlineData("""{"title":"T"}""", "T")]
    // An object under a key is read for its own "message"; without one, the next key is tried.
    [InlineData("""{"error":{"message":"inner"},"title":"T"}""", "inner")]
    [InlineData("""{"error":{"code":7},"title":"T"}""", "T")]
    // A key that holds neither a string nor such an object does not count.
    [InlineData("""{"detail":42,"message":"M"}""", "M")]
    // IBM's own shapes come first: IAM's errorMessage, a run's last_error.
    [InlineData("""{"errorMessage":"IAM says no","message":"M"}""", "IAM says no")]
    [InlineData("""{"last_error":"tool crashed","title":"T"}""", "tool crashed")]
    // No known key: no message, the body is kept as is.
    [InlineData("""{"code":7,"status":"bad"}""", null)]
    [InlineData("""[1,2]""", null)]
    public async Task The_server_message_is_the_first_known_key(string body, string? message)
    {
        var ex = await FailAsync(body);

        Assert.Equal(message, ex.ServerMessage);
        Assert.Equal(message is null ? Prefix : $"{Prefix}: {message}", ex.Message);
        Assert.Equal(body, ex.ResponseBody);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public async Task An_empty_or_blank_body_gives_no_server_message(string body)
    {
        var ex = await FailAsync(body);

        Assert.Equal((Prefix, null), (ex.Message, ex.ServerMessage));
        // Blank text is kept as sent; no body at all is null, not "".
        Assert.Equal(body.Length == 0 ? null : body, ex.ResponseBody);
    }

    [Fact]
    public void A_validation_error_prints_its_location_and_message_and_defaults_to_empty()
    {
        Assert.Equal("query.limit: too big", new ValidationError { Location = ["query", "limit"], Message = "too big" }.ToString());
        Assert.Equal("too big", new ValidationError { Message = "too big" }.ToString());
        var empty = new ValidationError();
        Assert.Equal((string.Empty, 0, null), (empty.Message, empty.Location.Count, empty.Type));
    }

    [Fact]
    public async Task Several_FastAPI_errors_are_joined_in_order()
    {
        var ex = await FailAsync("""{"detail":[{"loc":["body","a"],"msg":"m1","type":"t1"},{"loc":["query","b",1],"msg":"m2","type":"t2"},{"msg":"m3","type":"t3"}]}""");

        var validation = Assert.IsType<RunValidationException>(ex);
        Assert.Equal("body.a: m1; query.b.1: m2; m3", ex.ServerMessage);
        Assert.Equal([["body", "a"], ["query", "b", "1"], []], validation.Errors.Select(e => e.Location.ToArray()));
        Assert.Equal(["t1", "t2", "t3"], validation.Errors.Select(e => e.Type));
    }

    [Theory]
    [InlineData("""{"detail":[{"loc":[true],"msg":"m","type":"t"}]}""")]   // a loc part that is neither text nor index
    [InlineData("""{"detail":[{"loc":["a"],"type":"t"}]}""")]               // no msg
    [InlineData("""{"detail":["just text"]}""")]                            // not an error object
    public async Task A_detail_array_of_another_shape_is_the_message_as_raw_text_without_typed_errors(string body)
    {
        var ex = await FailAsync(body);

        var validation = Assert.IsType<RunValidationException>(ex);
        Assert.Equal(body[10..^1], ex.ServerMessage);   // the "detail" array as sent
        Assert.Empty(validation.Errors);
    }

    [Theory]
    [InlineData("Service down", "text/html")]                       // recognised by its content type
    [InlineData("<html><body>Bad</body></html>", "text/plain")]     // recognised by its first character
    [InlineData("  <!DOCTYPE html><p>Bad</p>", "application/octet-stream")]
    public async Task An_html_page_is_no_message_but_is_kept_as_the_body(string body, string contentType)
    {
        var ex = await FailAsync(body, contentType);

        Assert.Null(ex.ServerMessage);
        Assert.Equal(Prefix, ex.Message);
        Assert.Equal(body, ex.ResponseBody);
    }

    [Fact]
    public async Task Plain_text_is_the_message_trimmed()
    {
        var ex = await FailAsync("  run id must be a UUID \n", "text/plain");

        Assert.Equal("run id must be a UUID", ex.ServerMessage);
        Assert.Equal($"{Prefix}: run id must be a UUID", ex.Message);
    }

    [Theory]
    [InlineData(1024, false)]
    [InlineData(1025, true)]
    public async Task A_message_is_kept_up_to_1024_characters_then_cut_with_an_ellipsis(int length, bool cut)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        var ex = await FailAsync($$"""{"detail":"{{text}}"}""");

        Assert.Equal(cut ? text[..1024] + "…" : text, ex.ServerMessage);
    }

    [Theory]
    [InlineData(4096, false)]
    [InlineData(4097, true)]
    public async Task The_body_is_kept_up_to_4096_characters_then_cut_with_an_ellipsis(int length, bool cut)
    {
        var body = new string('x', length);

        var ex = await FailAsync(body, "text/plain");

        Assert.Equal(cut ? body[..4096] + "…" : body, ex.ResponseBody);
    }

    [Fact]
    public async Task A_long_list_of_validation_errors_beyond_the_kept_text_still_parses()
    {
        var items = Enumerable.Range(0, 400).Select(i => $$"""{"loc":["body","f{{i}}"],"msg":"bad","type":"t"}""");
        var body = $$"""{"detail":[{{string.Join(",", items)}}]}""";   // ~20 KB: over the 4 KiB kept, under the 64 KiB read

        var ex = await FailAsync(body);

        Assert.Equal(400, Assert.IsType<RunValidationException>(ex).Errors.Count);
        Assert.Equal(4097, ex.ResponseBody!.Length);
    }

    [Fact]
    public async Task Only_the_first_64_KiB_of_an_error_body_are_read()
    {
        var body = "{\"detail\":\"" + new string('x', 70 * 1024) + "\"}";   // valid JSON, but only as a whole

        var ex = await FailAsync(body);

        // Cut at 64 KiB the JSON is incomplete, so it reads as plain text: the message is its first 1024 characters.
        Assert.Equal(body[..1024] + "…", ex.ServerMessage);
        Assert.Equal(body[..4096] + "…", ex.ResponseBody);
    }

    [Theory]
    [InlineData("x-request-id", "req-1")]
    [InlineData("x-correlation-id", "corr-1")]
    [InlineData("x-global-transaction-id", "gtx-1")]
    public async Task Each_request_id_header_is_read(string header, string value)
    {
        var ex = await FailAsync("""{"detail":"no"}""", headers: (header, value));

        Assert.Equal(value, ex.RequestId);
        Assert.Equal($"{Prefix}: no (request id {value})", ex.Message);
    }

    [Fact]
    public async Task X_request_id_wins_over_the_others_and_correlation_over_transaction_id()
    {
        var all = await FailAsync("{}", headers: [("x-global-transaction-id", "gtx-1"), ("x-correlation-id", "corr-1"), ("x-request-id", "req-1")]);
        _server.Reset();
        var two = await FailAsync("{}", headers: [("x-global-transaction-id", "gtx-1"), ("x-correlation-id", "corr-1")]);

        Assert.Equal(("req-1", "corr-1"), (all.RequestId, two.RequestId));
    }

    [Fact]
    public async Task A_success_answer_with_a_body_that_is_not_a_run_names_the_request_id()
    {
        _server.Given(Request.Create().WithPath(RunPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("x-request-id", "req-9").WithBody("""{"status":"completed"}"""));
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal("GET /v1/orchestrate/runs/r1 returned 200 but the body is not a valid AssistantRun: The run has no \"id\" (missing or null). (request id req-9)", ex.Message);
        Assert.Equal(("req-9", HttpStatusCode.OK, "GET", RunPath), (ex.RequestId, ex.StatusCode, ex.RequestMethod, ex.RequestPath));
        Assert.Null(ex.ServerMessage);
    }

    [Fact]
    public void A_failed_run_without_a_message_is_described_by_its_error_name_and_request_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://lg.example.com/threads/t1/runs/wait?secret=1");

        var ex = WxO.Client.Errors.RunErrorMapper.RunFailed(
            request, HttpStatusCode.OK, new WxO.Client.Primitives.RunFailure("ValueError", null, "r1"), WxO.Client.Errors.SecretRedactor.None,
            requestId: "req-1");

        Assert.Equal("POST /threads/t1/runs/wait: the run r1 failed with ValueError (request id req-1)", ex.Message);
        Assert.Equal(("ValueError", "r1", "req-1", HttpStatusCode.OK), (ex.ErrorName, ex.RunId, ex.RequestId, ex.StatusCode));
        Assert.Null(ex.ServerMessage);
    }
}

using WxO.Client.Tests;
using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace WxO.Client.Core.Tests.Errors;

public sealed class ErrorMappingTests : IDisposable
{
    private const string RunPath = "/v1/orchestrate/runs/r1";
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private void Answer(int status, string body, string contentType = "application/json", string? requestId = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (requestId is not null)
        {
            response = response.WithHeader("x-request-id", requestId);
        }

        _server.Given(Request.Create().WithPath(RunPath).UsingGet()).RespondWith(response);
    }

    [Theory]
    [InlineData(400, typeof(RunValidationException), """{"detail":"Bad run id"}""", "Bad run id")]
    [InlineData(401, typeof(RunAuthenticationException), """{"detail":"Invalid token"}""", "Invalid token")]
    [InlineData(403, typeof(RunAuthenticationException), """{"message":"Forbidden for tenant"}""", "Forbidden for tenant")]
    [InlineData(404, typeof(RunNotFoundException), """{"detail":"Run not found"}""", "Run not found")]
    [InlineData(422, typeof(RunValidationException), """{"detail":[{"loc":["path","run_id"],"msg":"value is not a valid uuid","type":"type_error.uuid"}]}""", "path.run_id: value is not a valid uuid")]
    [InlineData(500, typeof(RunApiException), """{"error":{"message":"database unavailable"}}""", "database unavailable")]
    public async Task Status_maps_to_typed_exception_with_server_message(int status, Type expected, string body, string message)
    {
        Answer(status, body, requestId: "req-42");
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 1);

        var ex = await Assert.ThrowsAnyAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.IsType(expected, ex);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(message, ex.ServerMessage);
        Assert.Contains(message, ex.Message);
        Assert.Equal("req-42", ex.RequestId);
        Assert.Equal("GET", ex.RequestMethod);
        Assert.Equal(RunPath, ex.RequestPath);
        Assert.Equal(body, ex.ResponseBody);
        Assert.DoesNotContain(WxOTestClient.Token, ex.ToString());
    }

    [Fact]
    public async Task FastApi_422_exposes_typed_errors()
    {
        Answer(422, """{"detail":[{"loc":["query","limit"],"msg":"must be >= 1","type":"greater_than_equal"},{"loc":["query","offset",0],"msg":"bad","type":"x"}]}""");
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunValidationException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Collection(ex.Errors,
            e => { Assert.Equal(["query", "limit"], e.Location); Assert.Equal("greater_than_equal", e.Type); },
            e => Assert.Equal(["query", "offset", "0"], e.Location));
    }

    [Theory]
    [InlineData("Run not found", "text/plain", "Run not found")]
    [InlineData("\"Run r1 does not exist\"", "application/json", "Run r1 does not exist")]
    [InlineData("", "text/plain", null)]
    [InlineData("<html><body>Not Found</body></html>", "text/html", null)]
    public async Task Error_body_may_be_text_bare_string_empty_or_html(string body, string contentType, string? message)
    {
        Answer(404, body, contentType);
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunNotFoundException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(message, ex.ServerMessage);
        Assert.StartsWith("GET /v1/orchestrate/runs/r1 failed with 404", ex.Message);
    }

    [Fact]
    public async Task Raw_body_kept_on_the_exception_is_bounded()
    {
        Answer(500, new string('x', 100_000), "text/plain");
        using var wxo = new WxOTestClient(_server, o => o.Resilience.MaxRetryAttempts = 0);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.InRange(ex.ResponseBody!.Length, 4000, 4 * 1024 + 1);
        Assert.InRange(ex.Message.Length, 10, 1200);
    }

    [Theory]
    [InlineData("""{"id":"r1","status":""", "application/json")]
    [InlineData("<html>oops</html>", "text/html")]
    [InlineData("", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("""{"id":"r1","created_at":"not a date"}""", "application/json")]
    public async Task Unreadable_success_body_is_RunApiException(string body, string contentType)
    {
        Answer(200, body, contentType);
        using var wxo = new WxOTestClient(_server);

        var ex = await Assert.ThrowsAsync<RunApiException>(() => wxo.Client.GetRunAsync("r1"));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("AssistantRun", ex.Message);
        if (body is not ("" or "null"))
        {
            Assert.IsAssignableFrom<System.Text.Json.JsonException>(ex.InnerException);
        }
    }
}

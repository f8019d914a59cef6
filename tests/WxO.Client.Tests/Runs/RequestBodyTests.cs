using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>Bodies that start runs go with a Content-Length, as IBM's ADK sends them: never chunked.</summary>
public sealed class RequestBodyTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Create_and_stream_send_their_body_with_a_content_length_and_not_chunked()
    {
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs").UsingPost()).RespondWith(Response.Create().WithBody("""{"run_id":"r-1","thread_id":"t-1"}"""));
        _server.Given(Request.Create().WithPath("/v1/orchestrate/runs/stream").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/event-stream").WithBody("data: {\"id\":\"1\",\"event\":\"done\",\"data\":{}}\n\n"));
        using var wxo = new WxOTestClient(_server);
        var request = new CreateRunRequest { Message = RunMessage.FromUser("héllo"), AgentId = "a-1" };

        await wxo.Client.CreateRunAsync(request, Ct);
        await foreach (var _ in wxo.Client.StreamRunAsync(request, Ct))
        {
        }

        _server.AssertSentWithContentLength(requests: 2);
    }
}

using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Bodies that start runs (create, stream, wait) and threads go with a Content-Length: never chunked.</summary>
public sealed class RequestBodyTests : IDisposable
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Create_stream_wait_and_thread_bodies_have_a_content_length_and_are_not_chunked()
    {
        _server.Given(Request.Create().WithPath("/threads").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody($$"""{"thread_id":"{{ThreadId}}","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","metadata":{},"status":"idle"}"""));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody(LangGraphTestClient.Run(ThreadId, RunId, "pending")));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/stream").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "text/event-stream").WithBody($"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\n\nevent: end\ndata: null\n\n"));
        _server.Given(Request.Create().WithPath($"/threads/{ThreadId}/runs/wait").UsingPost()).RespondWith(Response.Create()
            .WithHeader("Content-Type", "application/json").WithBody("""{"result":"ok"}"""));
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!));
        var request = new ThreadRunRequest { AssistantId = "agent", Input = new JsonObject { ["topic"] = "café" } };

        await host.Client.CreateThreadAsync(cancellationToken: Ct);
        await host.Client.CreateThreadRunAsync(ThreadId, request, Ct);
        await foreach (var _ in host.Client.StreamThreadRunAsync(ThreadId, request, Ct))
        {
        }

        await host.Client.CreateThreadRunAndWaitAsync(ThreadId, request, Ct);

        _server.AssertSentWithContentLength(requests: 4);
    }
}

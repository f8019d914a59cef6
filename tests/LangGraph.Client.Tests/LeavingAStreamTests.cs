using LangGraph.Client.Models;
using Microsoft.Extensions.AI;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>
/// Leaving a stream (or a joined stream) closes its connection at once: the client does not read on (HttpClient would
/// drain the rest of the body, for up to 2 s or 1 MB, to reuse the connection) while the server keeps writing.
/// </summary>
public sealed class LeavingAStreamTests
{
    private static readonly Guid ThreadId = LangGraphTestClient.ThreadId;
    private static readonly Guid RunId = LangGraphTestClient.RunId;

    [Theory]
    [InlineData("stream")]
    [InlineData("join")]
    [InlineData("chat")]
    public async Task The_server_cannot_write_on_for_long_after_the_caller_leaves(string kind)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writtenAfterLeaving = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(extraHeaders: $"Content-Location: /threads/{ThreadId}/runs/{RunId}\r\n");
            await connection.ChunkAsync($"event: metadata\ndata: {{\"run_id\":\"{RunId}\"}}\nid: 0\n\n");
            await connection.ChunkAsync("event: messages\ndata: [{\"type\":\"AIMessageChunk\",\"content\":\"Hi\"},{}]\nid: 1\n\n");
            await left.Task;
            // A client that drains reads on for 2 s; one that closed makes the writes fail.
            var written = await connection.ChunkUntilRefusedAsync(
                n => $"event: messages\ndata: [{{\"type\":\"AIMessageChunk\",\"content\":\"more\"}},{{}}]\nid: {n + 2}\n\n");
            writtenAfterLeaving.TrySetResult(written);
        });
        using var host = LangGraphTestClient.Create(server.Url);
        var ct = TestContext.Current.CancellationToken;

        switch (kind)
        {
            case "stream":
                await foreach (var _ in host.Client.StreamThreadRunAsync(ThreadId, new ThreadRunRequest { AssistantId = "agent" }, ct))
                {
                    break;
                }

                break;
            case "join":
                await foreach (var _ in host.Client.JoinThreadRunStreamAsync(ThreadId, RunId, cancellationToken: ct))
                {
                    break;
                }

                break;
            default:
                await foreach (var update in host.Client.AsChatClient("agent").GetStreamingResponseAsync(
                    "hi", new ChatOptions { ConversationId = ThreadId.ToString() }, ct))
                {
                    if (update.Text.Length > 0)
                    {
                        break;
                    }
                }

                break;
        }

        left.SetResult();
        var written = await writtenAfterLeaving.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        // A closed socket refuses the second or third write (the first may still reach the kernel's buffer).
        Assert.True(written <= 10, $"the server wrote {written} events after the caller left");
    }
}

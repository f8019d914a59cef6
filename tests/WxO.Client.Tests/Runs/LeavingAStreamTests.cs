using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Runs;

/// <summary>
/// Leaving a stream closes its connection at once, in every framing: the client does not read on (HttpClient would drain
/// the rest of the body, for up to 2 s or 1 MB, to reuse the connection) while the server keeps writing.
/// </summary>
public sealed class LeavingAStreamTests
{
    public static TheoryData<string> Framings() => new()
    {
        "data: {\"id\":\"{0}\",\"event\":\"message.delta\",\"data\":{}}\n\n",   // SSE whose data is the event
        "event: message.delta\nid: {0}\ndata: {}\n\n",                            // named SSE events
        "{\"id\":\"{0}\",\"event\":\"message.delta\",\"data\":{}}\n",           // JSON lines
    };

    private static string Frame(string frame, int id) => frame.Replace("{0}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Framings))]
    public async Task The_server_cannot_write_on_for_long_after_the_caller_leaves(string frame)
    {
        var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writtenAfterLeaving = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new ScriptedHttpServer(async (_, connection) =>
        {
            await connection.StartChunkedAsync(frame.StartsWith('{') ? "application/x-ndjson" : "text/event-stream");
            await connection.ChunkAsync(Frame(frame, 0));
            await left.Task;
            // A client that drains reads on for 2 s; one that closed makes the writes fail.
            var written = await connection.ChunkUntilRefusedAsync(n => Frame(frame, n + 1));
            writtenAfterLeaving.TrySetResult(written);
        });
        using var wxo = new WxOTestClient(server.Url);

        await foreach (var _ in wxo.Client.StreamRunAsync(new CreateRunRequest { Message = RunMessage.FromUser("Hello") }, TestContext.Current.CancellationToken))
        {
            break;
        }

        left.SetResult();
        var written = await writtenAfterLeaving.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        // A closed socket refuses the second or third write (the first may still reach the kernel's buffer).
        Assert.True(written <= 10, $"the server wrote {written} events after the caller left");
    }
}

using Xunit;

namespace WxO.Client.Testing;

/// <summary>The ways a caller leaves a stream after its first item: each must close the connection at once.</summary>
internal static class StreamExits
{
    public static readonly string[] Ways = ["break", "exception", "cancellation", "dispose"];

    /// <summary>Reads the first item of the stream, then leaves it as <paramref name="how"/> says.</summary>
    public static async Task LeaveAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> open, string how, CancellationToken cancellationToken)
    {
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        switch (how)
        {
            case "break":
                await foreach (var _ in open(caller.Token))
                {
                    break;
                }

                return;
            case "exception":
                await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                {
                    await foreach (var _ in open(caller.Token))
                    {
                        throw new InvalidOperationException("the caller's own code failed");
                    }
                });
                return;
            case "cancellation":
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
                {
                    await foreach (var _ in open(caller.Token))
                    {
                        await caller.CancelAsync();
                    }
                });
                return;
            default:
                var events = open(caller.Token).GetAsyncEnumerator(caller.Token);
                Assert.True(await events.MoveNextAsync());
                await events.DisposeAsync();
                return;
        }
    }
}

using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using WxO.Client.Authentication;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Authentication;

/// <summary>
/// A shared sign-in (or a session's shared thread creation) that every caller gave up on and that fails later must not
/// surface as an <see cref="TaskScheduler.UnobservedTaskException"/> (which apps log as a crash, or turn into one).
/// </summary>
public sealed class AbandonedSignInTests
{
    private sealed class GatedFailingProvider(Task gate, string message) : CachingAccessTokenProvider
    {
        protected override async Task<(string Token, DateTimeOffset? ExpiresAt)> RequestTokenAsync(CancellationToken cancellationToken)
        {
            await gate;
            throw new RunAuthenticationException(message);
        }
    }

    private sealed class GatedFailingConnector(Task gate, string message) : RunAgentConnector
    {
        public override string ProviderName => "gated";

        public override Uri? Endpoint => null;

        public override string AgentId => "agent";

        public override async Task<string?> CreateThreadAsync(CancellationToken cancellationToken)
        {
            await gate;
            throw new InvalidOperationException(message);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> RunTurnAsync(string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task<RunContinuationToken> StartTurnAsync(string? threadId, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task<bool> IsTurnDoneAsync(RunContinuationToken token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override IAsyncEnumerable<ChatResponseUpdate> ResumeTurnAsync(RunContinuationToken token, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public Task A_sign_in_that_fails_after_every_caller_left_is_observed()
        => AssertObservedAsync(async (gate, message) => await LeaveAsync(new GatedFailingProvider(gate, message)));

    [Fact]
    public Task A_session_s_thread_creation_that_fails_after_every_caller_left_is_observed()
        => AssertObservedAsync(async (gate, message) => await LeaveAsync(new RunAgent(new GatedFailingConnector(gate, message))));

    private static async Task AssertObservedAsync(Func<Task, string, Task> leave)
    {
        var message = $"failed after the callers left {Guid.NewGuid():N}";
        var unobserved = new List<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x.Message == message))
            {
                lock (unobserved)
                {
                    unobserved.Add(e.Exception);
                }
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            var gate = new TaskCompletionSource();
            await leave(gate.Task, message);
            gate.SetResult();

            // The abandoned task fails on the thread pool; once it has, collecting it would report it if unobserved.
            for (var i = 0; i < 40 && unobserved.Count == 0; i++)
            {
                await Task.Delay(25, TestContext.Current.CancellationToken);
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            Assert.Empty(unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    /// <summary>Starts a session's first run (its thread is being created) and gives up on it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task LeaveAsync(RunAgent agent)
    {
        var session = await agent.CreateSessionAsync();
        using var leave = new CancellationTokenSource();
        var waiting = agent.RunAsync("hi", session, cancellationToken: leave.Token);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    /// <summary>Starts the shared sign-in and gives up on it, in a frame of its own so nothing here keeps the task alive.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task LeaveAsync(CachingAccessTokenProvider provider)
    {
        using var leave = new CancellationTokenSource();
        var waiting = provider.GetAccessTokenAsync(leave.Token).AsTask();
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

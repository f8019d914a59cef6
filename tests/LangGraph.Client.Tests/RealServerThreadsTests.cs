using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Threads on the real server: state, editing it before a run resumes, history, search, copy, update, delete.</summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerThreadsTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>A thread parked before the "draft" graph publishes: its state holds the draft a person reviews.</summary>
    private static async Task<Guid> DraftWaitingForReviewAsync(ILangGraphRunsClient client, string topic)
    {
        var threadId = (await client.CreateThreadAsync(cancellationToken: Ct)).ThreadId;
        await client.CreateThreadRunAndWaitAsync(threadId, new ThreadRunRequest { AssistantId = "draft", Input = new JsonObject { ["topic"] = topic } }, Ct);
        return threadId;
    }

    [Fact]
    public async Task Editing_the_state_of_a_thread_waiting_for_review_then_resuming_publishes_the_edit()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var threadId = await DraftWaitingForReviewAsync(client, "refund");

        var before = await client.GetThreadStateAsync(threadId, cancellationToken: Ct);
        Assert.Equal(["publish"], before.Next);
        Assert.Equal("Dear customer, about refund", before.Values.GetProperty("draft").GetString());
        Assert.Equal("publish", Assert.Single(before.Tasks!).Name);
        Assert.NotNull(before.Checkpoint?.CheckpointId);
        Assert.NotNull(before.ParentCheckpoint?.CheckpointId);
        Assert.NotNull(before.CreatedAt);
        Assert.Equal(threadId.ToString(), before.Checkpoint!.ThreadId);

        var written = await client.UpdateThreadStateAsync(threadId, new ThreadStateUpdate { Values = new JsonObject { ["draft"] = "We have refunded you." } }, Ct);
        Assert.NotEqual(before.Checkpoint.CheckpointId, written.CheckpointId);
        var edited = await client.GetThreadStateAsync(threadId, cancellationToken: Ct);
        Assert.Equal(written.CheckpointId, edited.Checkpoint!.CheckpointId);
        Assert.Equal(["publish"], edited.Next);

        // Resuming a graph stopped before a node: a run with no input.
        var output = await client.CreateThreadRunAndWaitAsync(threadId, new ThreadRunRequest { AssistantId = "draft" }, Ct);
        Assert.Equal("published:We have refunded you.", output.GetProperty("result").GetString());

        // The state at the checkpoint read before the edit still holds the original draft.
        var old = await client.GetThreadStateAsync(threadId, before.Checkpoint, cancellationToken: Ct);
        Assert.Equal("Dear customer, about refund", old.Values.GetProperty("draft").GetString());
        Assert.Equal(before.Checkpoint.CheckpointId, old.Checkpoint!.CheckpointId);
    }

    [Fact]
    public async Task An_update_written_as_the_last_node_skips_it_and_ends_the_graph()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var threadId = await DraftWaitingForReviewAsync(host.Client, "delay");

        await host.Client.UpdateThreadStateAsync(threadId, new ThreadStateUpdate { Values = new JsonObject { ["result"] = "sent by hand" }, AsNode = "publish" }, Ct);

        var state = await host.Client.GetThreadStateAsync(threadId, cancellationToken: Ct);
        Assert.Empty(state.Next!);
        Assert.Equal("sent by hand", state.Values.GetProperty("result").GetString());
    }

    [Fact]
    public async Task History_pages_through_every_checkpoint_once_newest_first()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var threadId = await DraftWaitingForReviewAsync(client, "history");
        await client.UpdateThreadStateAsync(threadId, new ThreadStateUpdate { Values = new JsonObject { ["draft"] = "v2" } }, Ct);
        await client.CreateThreadRunAndWaitAsync(threadId, new ThreadRunRequest { AssistantId = "draft" }, Ct);

        var all = await client.GetThreadHistoryAsync(threadId, limit: 100, cancellationToken: Ct);
        var paged = await client.EnumerateThreadHistoryAsync(threadId, pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);

        Assert.True(all.Count >= 5, $"{all.Count} checkpoints");
        Assert.Equal(all.Select(s => s.Checkpoint!.CheckpointId), paged.Select(s => s.Checkpoint!.CheckpointId));
        Assert.Equal(paged.Count, paged.Select(s => s.Checkpoint!.CheckpointId).Distinct().Count());
        Assert.Equal("published:v2", paged[0].Values.GetProperty("result").GetString());   // newest first
        Assert.Null(paged[^1].ParentCheckpoint);                                             // down to the first

        var page = await client.GetThreadHistoryAsync(threadId, limit: 2, before: all[1].Checkpoint!.CheckpointId, cancellationToken: Ct);
        Assert.Equal(all.Skip(2).Take(2).Select(s => s.Checkpoint!.CheckpointId), page.Select(s => s.Checkpoint!.CheckpointId));

        var inputs = await client.GetThreadHistoryAsync(threadId, metadata: new JsonObject { ["source"] = "input" }, cancellationToken: Ct);
        Assert.NotEmpty(inputs);
        Assert.All(inputs, s => Assert.Equal("input", s.Metadata!["source"].GetString()));
    }

    [Fact]
    public async Task Search_enumerates_every_matching_thread_once_and_count_agrees()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var tag = Guid.NewGuid().ToString();
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await client.CreateThreadAsync(new LangGraphThreadRequest { Metadata = new JsonObject { ["suite"] = tag, ["n"] = i } }, Ct)).ThreadId);
        }

        var query = new ThreadQuery { Metadata = new JsonObject { ["suite"] = tag } };
        var found = await client.EnumerateThreadsAsync(query, pageSize: 3, Ct).ToListAsync(Ct);
        var oldestFirst = await client.SearchThreadsAsync(query with { SortBy = "created_at", SortOrder = System.ComponentModel.ListSortDirection.Ascending }, limit: 2, cancellationToken: Ct);

        Assert.Equal(created.Order(), found.Select(t => t.ThreadId).Order());
        Assert.Equal(7, await client.CountThreadsAsync(query, Ct));
        Assert.Equal(created.Take(2), oldestFirst.Select(t => t.ThreadId));
        Assert.Equal(2, (await client.SearchThreadsAsync(query with { Ids = created.Take(2).ToList() }, cancellationToken: Ct)).Count);
        Assert.Equal(7, await client.CountThreadsAsync(query with { Status = ThreadStatus.Idle }, Ct));
        Assert.Equal(0, await client.CountThreadsAsync(query with { Status = ThreadStatus.Interrupted }, Ct));
    }

    [Fact]
    public async Task Copy_update_and_delete_a_thread()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var threadId = await DraftWaitingForReviewAsync(client, "copy");

        var copy = await client.CopyThreadAsync(threadId, Ct);
        Assert.NotEqual(threadId, copy.ThreadId);
        var copied = await client.GetThreadStateAsync(copy.ThreadId, cancellationToken: Ct);
        Assert.Equal("Dear customer, about copy", copied.Values.GetProperty("draft").GetString());
        Assert.Equal(["publish"], copied.Next);

        var updated = await client.UpdateThreadAsync(copy.ThreadId, new JsonObject { ["reviewer"] = "ana" }, Ct);
        Assert.Equal("ana", updated.Metadata!["reviewer"].GetString());

        await client.DeleteThreadAsync(copy.ThreadId, Ct);
        var gone = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetThreadAsync(copy.ThreadId, Ct));
        Assert.Equal(404, (int)gone.StatusCode!);
        Assert.Equal(threadId, (await client.GetThreadAsync(threadId, Ct)).ThreadId);   // the original is untouched
    }

    [Fact]
    public async Task Unknown_threads_are_404_and_malformed_checkpoints_are_validation_errors()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var unknown = Guid.NewGuid();

        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetThreadStateAsync(unknown, cancellationToken: Ct));
        Assert.Equal("thread", missing.ResourceType);
        // The JS server answers a copy of an unknown thread with 409 (the spec lists 409 for copy), not 404.
        var conflict = await Assert.ThrowsAnyAsync<RunApiException>(() => client.CopyThreadAsync(unknown, Ct));
        Assert.Contains((int)conflict.StatusCode!, new[] { 404, 409 });
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.UpdateThreadAsync(unknown, new JsonObject { ["a"] = 1 }, Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.UpdateThreadStateAsync(unknown, new ThreadStateUpdate { Values = new JsonObject { ["a"] = 1 } }, Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetThreadHistoryAsync(unknown, cancellationToken: Ct));
        var badSort = await Assert.ThrowsAsync<RunValidationException>(() => client.SearchThreadsAsync(new ThreadQuery { SortBy = "nope" }, cancellationToken: Ct));
        Assert.Contains(badSort.Errors, e => e.Location.Contains("sort_by"));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DeleteThreadAsync(unknown, Ct));

        var threadId = await DraftWaitingForReviewAsync(client, "invalid");
        var invalid = await Assert.ThrowsAsync<RunValidationException>(
            () => client.GetThreadStateAsync(threadId, new ThreadCheckpoint { CheckpointId = "not-a-uuid" }, cancellationToken: Ct));
        Assert.Equal(400, (int)invalid.StatusCode!);
    }
}

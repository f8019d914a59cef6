using System.Text.Json.Nodes;
using LangGraph.Client.Models;
using WxO.Client;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Assistants on the real server: the deployed graphs, their drawings and schemas, and assistants of your own.</summary>
[Collection(LangGraphServerCollection.Name)]
public sealed class RealServerAssistantsTests(LangGraphServerFixture server)
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_finds_the_deployed_graphs_once_each_and_count_agrees()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var system = new AssistantQuery { Metadata = new JsonObject { ["created_by"] = "system" } };

        var all = await client.EnumerateAssistantsAsync(system, pageSize: 2, Ct).ToListAsync(Ct);

        Assert.Superset(new HashSet<string> { "agent", "chat", "ask", "ask-two", "tools", "draft", "nested" }, all.Select(a => a.GraphId!).ToHashSet());
        Assert.Equal(all.Count, all.Select(a => a.AssistantId).Distinct().Count());
        Assert.Equal(all.Count, await client.CountAssistantsAsync(system, Ct));
        var draft = Assert.Single(await client.SearchAssistantsAsync(new AssistantQuery { GraphId = "draft" } with { Metadata = system.Metadata }, cancellationToken: Ct));
        Assert.Equal("draft", draft.Name);
        Assert.Equal(1, draft.Version);
        Assert.NotNull(draft.CreatedAt);
    }

    [Fact]
    public async Task An_assistant_is_read_by_its_id_or_its_graph_id_with_its_graph_and_schemas()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;

        var byGraph = await client.GetAssistantAsync("draft", Ct);
        var byId = await client.GetAssistantAsync(byGraph.AssistantId.ToString(), Ct);
        var graph = await client.GetAssistantGraphAsync("nested", xray: true, Ct);
        var flat = await client.GetAssistantGraphAsync("nested", cancellationToken: Ct);
        var schemas = await client.GetAssistantSchemasAsync("draft", Ct);
        var subgraphs = await client.GetAssistantSubgraphsAsync("nested", cancellationToken: Ct);
        var child = await client.GetAssistantSubgraphsAsync("nested", "child", cancellationToken: Ct);

        Assert.Equal((byGraph.AssistantId, byGraph.Version, byGraph.Name), (byId.AssistantId, byId.Version, byId.Name));
        Assert.Equal("draft", byId.GraphId);
        static IEnumerable<string> Nodes(System.Text.Json.JsonElement g) => g.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()!);
        Assert.Contains("child:one", Nodes(graph));        // x-ray shows the subgraph's own nodes
        Assert.DoesNotContain("child:one", Nodes(flat));
        Assert.Equal("draft", schemas.GraphId);
        Assert.Equal("What the reply is about", schemas.InputSchema!.Value.GetProperty("properties").GetProperty("topic").GetProperty("description").GetString());
        Assert.True(schemas.StateSchema!.Value.GetProperty("properties").TryGetProperty("draft", out _));
        // LangGraph.js answers with its runtime names (state, input, output): read as the spec's.
        var childSchema = Assert.Single(subgraphs);
        Assert.Equal("child", childSchema.Key);
        Assert.True(childSchema.Value.StateSchema!.Value.GetProperty("properties").TryGetProperty("trail", out _));
        Assert.NotNull(childSchema.Value.InputSchema);
        Assert.Null(childSchema.Value.AdditionalProperties);
        Assert.Equal(["child"], child.Keys);
    }

    [Fact]
    public async Task An_assistant_of_your_own_is_created_updated_versioned_and_deleted()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var tag = Guid.NewGuid().ToString();

        var created = await client.CreateAssistantAsync(new AssistantRequest
        {
            GraphId = "agent", Name = "Refunds", Description = "first", Metadata = new JsonObject { ["suite"] = tag },
            Config = new JsonObject { ["configurable"] = new JsonObject { ["tone"] = "formal" } },
        }, Ct);
        var updated = await client.UpdateAssistantAsync(created.AssistantId.ToString(), new AssistantUpdate { Name = "Refunds v2", Description = "second" }, Ct);
        var versions = await client.GetAssistantVersionsAsync(created.AssistantId.ToString(), cancellationToken: Ct);
        var back = await client.SetLatestAssistantVersionAsync(created.AssistantId.ToString(), 1, Ct);
        var output = await client.CreateRunAndWaitAsync(new ThreadRunRequest { AssistantId = created.AssistantId.ToString(), Input = new JsonObject { ["mode"] = "quick" } }, Ct);

        Assert.Equal("Refunds", created.Name);
        Assert.Equal("formal", created.Config!["configurable"].GetProperty("tone").GetString());
        Assert.Equal(2, updated.Version);
        Assert.Equal("second", updated.Description);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("Refunds v2", updated.Name);
        Assert.Equal((1, "Refunds"), (back.Version, back.Name));   // version 1 is the one runs use again
        Assert.Equal("done:quick", output.GetProperty("result").GetString());
        Assert.Equal(1, await client.CountAssistantsAsync(new AssistantQuery { Metadata = new JsonObject { ["suite"] = tag } }, Ct));

        await client.DeleteAssistantAsync(created.AssistantId.ToString(), cancellationToken: Ct);
        var gone = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetAssistantAsync(created.AssistantId.ToString(), Ct));
        Assert.Equal("assistant", gone.ResourceType);
    }

    [Fact]
    public async Task Unknown_assistants_are_404_and_bad_bodies_are_validation_errors()
    {
        using var host = LangGraphTestClient.Create(server.BaseAddress);
        var client = host.Client;
        var unknown = Guid.NewGuid().ToString();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetAssistantAsync(unknown, Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetAssistantSchemasAsync(unknown, Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.UpdateAssistantAsync(unknown, new AssistantUpdate { Name = "x" }, Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.DeleteAssistantAsync(unknown, cancellationToken: Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetAssistantGraphAsync(unknown, cancellationToken: Ct));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.GetAssistantVersionsAsync(unknown, cancellationToken: Ct));
        var noVersion = await Assert.ThrowsAsync<ResourceNotFoundException>(() => client.SetLatestAssistantVersionAsync("agent", 99, Ct));
        Assert.Contains("version not found", noVersion.Message, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<RunValidationException>(() => client.CreateAssistantAsync(new AssistantRequest { GraphId = "agent", IfExists = "sometimes" }, Ct));
        Assert.Equal(400, (int)invalid.StatusCode!);
    }
}

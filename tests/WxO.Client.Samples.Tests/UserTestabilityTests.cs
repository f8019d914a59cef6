using System.Net;
using System.Reflection;
using LangGraph.Client;
using WxO.Client.Models;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>
/// Users fake our clients and errors in their own tests. This project sees only the public API (no InternalsVisibleTo),
/// so what compiles and runs here is what a user can do.
/// </summary>
public sealed class UserTestabilityTests
{
    private static readonly Assembly[] Packages = [typeof(IRunSource).Assembly, typeof(IWxORunsClient).Assembly, typeof(ILangGraphRunsClient).Assembly];

    [Fact]
    public void Every_public_exception_can_be_built_with_any_property_value()
    {
        var exceptions = Packages.SelectMany(a => a.GetExportedTypes()).Where(t => typeof(Exception).IsAssignableFrom(t)).ToList();

        Assert.Contains(typeof(RunFailedException), exceptions);
        Assert.All(exceptions, type =>
        {
            Assert.True(type.GetConstructor([typeof(string)]) is not null || type.GetConstructor([typeof(string), typeof(RunSnapshot)]) is not null,
                $"{type.Name} has no public constructor taking a message");
            var readOnly = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is not { IsPublic: true } && p.DeclaringType != typeof(Exception))
                .Select(p => p.Name)
                .Except([nameof(RunWaitTimeoutException.LastSnapshot)]);   // set through its constructor
            Assert.Empty(readOnly);
        });
    }

    [Fact]
    public void Every_public_model_property_can_be_set_or_built_by_the_model_factory()
    {
        var exported = Packages.SelectMany(a => a.GetExportedTypes()).ToList();
        var models = exported
            .Where(t => t.Namespace is "WxO.Client.Models" or "LangGraph.Client.Models" || t == typeof(RunSnapshot) || t == typeof(WxO.Client.Primitives.RunStreamEvent))
            .Where(t => t.IsClass && !t.IsAbstract && !typeof(System.Text.Json.Serialization.JsonConverter).IsAssignableFrom(t))
            .ToList();
        // Received models are read-only; each has a factory method with one parameter per property.
        var factories = exported.Where(t => t.Name.EndsWith("ModelFactory", StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => !m.IsSpecialName)
            .ToLookup(m => m.ReturnType);

        Assert.True(models.Count > 20, $"only {models.Count} models found");
        Assert.Equal(14, factories.Sum(f => f.Count()));
        Assert.All(models, type =>
        {
            var readOnly = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                // IsTerminal, ThreadMessage.Text and ThreadRunEvent.BaseEvent / Namespace are computed from the other properties.
                .Where(p => p.SetMethod is not { IsPublic: true } && p.Name is not ("IsTerminal" or "Text" or "BaseEvent" or "Namespace" or "EqualityContract"))
                .Select(p => p.Name)
                .ToList();
            if (readOnly.Count == 0)
            {
                return;
            }

            var factory = Assert.Single(factories[type]);
            var parameters = factory.GetParameters().Select(p => p.Name!.TrimStart('@')).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Empty(readOnly.Where(name => !parameters.Contains(name)).Select(name => $"{type.Name}.{name}"));
        });
    }

    [Fact]
    public void A_received_run_is_built_by_the_factory_with_what_was_given()
    {
        var usage = new Dictionary<string, System.Text.Json.JsonElement> { ["input_tokens"] = System.Text.Json.JsonSerializer.SerializeToElement(12) };

        var run = WxOModelFactory.AssistantRun("r1", AssistantRunStatus.Completed, threadId: "t1", usage: usage);
        var thread = LangGraph.Client.Models.LangGraphModelFactory.ThreadRun(Guid.Empty, Guid.Empty, LangGraph.Client.Models.ThreadRunStatus.Success);

        Assert.Equal(("r1", AssistantRunStatus.Completed, "t1", 12), (run.Id, run.Status!.Value, run.ThreadId, run.Usage!["input_tokens"].GetInt32()));
        Assert.Equal(RunState.Succeeded, run.ToSnapshot().State);
        Assert.Equal(LangGraph.Client.Models.ThreadRunStatus.Success, thread.Status);
        Assert.Throws<ArgumentNullException>(() => WxOModelFactory.AssistantRun(null!));
    }

    [Fact]
    public void An_app_can_write_and_read_runs_with_the_SDKs_json_metadata()
    {
        // What an AOT ASP.NET app does to return a run from its own endpoint (no reflection: the resolver chain only).
        var options = new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(), DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
        options.TypeInfoResolverChain.Insert(0, WxOModelFactory.JsonTypeInfoResolver);
        options.TypeInfoResolverChain.Insert(0, LangGraph.Client.Models.LangGraphModelFactory.JsonTypeInfoResolver);
        var run = WxOModelFactory.AssistantRun("r1", AssistantRunStatus.Completed, lastError: "none");
        var threadRun = LangGraph.Client.Models.LangGraphModelFactory.ThreadRun(Guid.NewGuid(), Guid.NewGuid(), LangGraph.Client.Models.ThreadRunStatus.Error);

        var json = System.Text.Json.JsonSerializer.Serialize(run, options);
        var back = System.Text.Json.JsonSerializer.Deserialize<AssistantRun>(json, options)!;
        var threadBack = System.Text.Json.JsonSerializer.Deserialize<LangGraph.Client.Models.ThreadRun>(System.Text.Json.JsonSerializer.Serialize(threadRun, options), options)!;

        Assert.Equal("""{"id":"r1","status":"completed","last_error":"none"}""", json);
        Assert.Equal(run, back);
        Assert.Equal((threadRun.RunId, threadRun.Status), (threadBack.RunId, threadBack.Status));
    }

    [Fact]
    public async Task A_fake_source_can_return_any_run_and_throw_any_error_the_real_one_would()
    {
        IRunSource fake = new FakeRuns();

        var final = await fake.WaitForCompletionAsync(new RunReference("r1"), new RunPollingOptions { Timeout = TimeSpan.FromSeconds(5) });
        var missing = await Assert.ThrowsAsync<RunNotFoundException>(() => fake.GetRunSnapshotAsync(new RunReference("missing")));

        Assert.Equal(RunState.Succeeded, final.State);
        Assert.Equal((HttpStatusCode.NotFound, "Run not found", "GET"), (missing.StatusCode, missing.ServerMessage, missing.RequestMethod));
        var failure = new RunFailedException("failed") { ErrorName = "ValueError", ServerMessage = "bad", RunId = "r1", StatusCode = HttpStatusCode.OK };
        Assert.Equal(("ValueError", "bad", "r1"), (failure.ErrorName, failure.ServerMessage, failure.RunId));
        var run = WxOModelFactory.AssistantRun("r1", AssistantRunStatus.Failed, lastError: "Tool failed");
        Assert.Equal(RunState.Failed, run.ToSnapshot().State);
    }

    private sealed class FakeRuns : IRunSource
    {
        public string Name => "fake";

        public Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
            => run.RunId == "missing"
                ? throw new RunNotFoundException("GET /runs/missing failed with 404") { StatusCode = HttpStatusCode.NotFound, ServerMessage = "Run not found", RequestMethod = "GET" }
                : Task.FromResult(new RunSnapshot { Source = Name, RunId = run.RunId, State = RunState.Succeeded, RawStatus = "completed" });
    }
}

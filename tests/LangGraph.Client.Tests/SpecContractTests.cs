using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using LangGraph.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Model drift detector against the vendor's runs spec (<c>tests/specs/langgraph-runs.openapi.json</c>).</summary>
public sealed class SpecContractTests
{
    /// <summary>Spec schema → model, and the spec properties deliberately not modelled (kept in AdditionalProperties when read).</summary>
    private static readonly Dictionary<string, (Type Model, string[] NotModelled)> Models = new()
    {
        ["Run"] = (typeof(ThreadRun), []),
        ["RunCreateStateful"] = (typeof(ThreadRunRequest), []),
        ["RunCreateStreamingStateful"] = (typeof(ThreadRunRequest), []),
        ["Command"] = (typeof(RunCommand), []),
        ["Thread"] = (typeof(LangGraphThread), ["ttl", "extracted"]),
        ["ThreadCreate"] = (typeof(LangGraphThreadRequest), ["ttl", "supersteps"]),
        ["Interrupt"] = (typeof(ThreadInterrupt), []),
        ["RunCreateStateless"] = (typeof(ThreadRunRequest), []),
        ["RunCreateStreamingStateless"] = (typeof(ThreadRunRequest), []),
        ["RunsCancel"] = (typeof(RunsCancelBody), []),
        ["ThreadState"] = (typeof(LangGraphThreadState), []),
        ["CheckpointConfig"] = (typeof(ThreadCheckpoint), []),
        ["ThreadStateUpdate"] = (typeof(ThreadStateUpdate), []),
        ["ThreadStateUpdateResponse"] = (typeof(ThreadStateUpdateResponse), []),
        ["ThreadStateCheckpointRequest"] = (typeof(ThreadStateAtCheckpointBody), []),
        // The history's "checkpoint" picks a subgraph's history (a namespace); not offered yet.
        ["ThreadStateSearch"] = (typeof(ThreadHistoryBody), ["checkpoint"]),
        // "select" and "extract" reshape the answer; the client reads whole threads.
        ["ThreadSearchRequest"] = (typeof(ThreadSearchBody), ["select", "extract"]),
        ["ThreadCountRequest"] = (typeof(ThreadSearchBody), []),
        // The TTL is a LangSmith deployment setting, not part of the runs work this client covers.
        ["ThreadPatch"] = (typeof(ThreadPatchBody), ["ttl"]),
        ["Assistant"] = (typeof(LangGraphAssistant), []),
        ["AssistantCreate"] = (typeof(AssistantRequest), []),
        ["AssistantPatch"] = (typeof(AssistantUpdate), []),
        ["AssistantSearchRequest"] = (typeof(AssistantSearchBody), ["select"]),
        ["AssistantCountRequest"] = (typeof(AssistantSearchBody), []),
        ["GraphSchema"] = (typeof(GraphSchema), []),
        ["GraphSchemaNoId"] = (typeof(GraphSchema), []),
        ["Cron"] = (typeof(LangGraphCron), []),
        // A cron's runs are background runs: nothing streams them, so the stream settings are not offered.
        ["CronCreate"] = (typeof(CronRequest), ["stream_mode", "stream_subgraphs", "stream_resumable"]),
        ["ThreadCronCreate"] = (typeof(CronRequest), ["stream_mode", "stream_subgraphs", "stream_resumable"]),
        ["CronPatch"] = (typeof(CronUpdate), ["stream_mode", "stream_subgraphs", "stream_resumable"]),
        ["CronSearch"] = (typeof(CronSearchBody), ["select"]),
        ["CronCountRequest"] = (typeof(CronSearchBody), []),
    };

    private static JsonElement Schemas()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Spec("langgraph-runs.openapi.json")));
        return document.RootElement.GetProperty("components").GetProperty("schemas").Clone();
    }

    /// <summary>A schema's properties, with those of its <c>allOf</c> parts.</summary>
    private static IEnumerable<JsonProperty> PropertiesOf(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return property;
            }
        }

        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray())
            {
                var resolved = part.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : part;
                foreach (var property in PropertiesOf(schemas, resolved))
                {
                    yield return property;
                }
            }
        }
    }

    [Fact]
    public void Every_property_of_the_modelled_schemas_has_a_JsonPropertyName_member()
    {
        var schemas = Schemas();
        var problems = new List<string>();
        var seen = 0;
        foreach (var (schemaName, (model, notModelled)) in Models)
        {
            var wireNames = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name).ToHashSet();
            foreach (var property in PropertiesOf(schemas, schemas.GetProperty(schemaName)))
            {
                seen++;
                if (!wireNames.Contains(property.Name) && !notModelled.Contains(property.Name))
                {
                    problems.Add($"{schemaName}.{property.Name} has no [JsonPropertyName(\"{property.Name}\")] member on {model.Name}");
                }
            }
        }

        Assert.True(seen > 250, $"only {seen} properties were read from the spec");
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Run", "status", typeof(ThreadRunStatus))]
    [InlineData("Run", "multitask_strategy", typeof(MultitaskStrategy))]
    [InlineData("Thread", "status", typeof(ThreadStatus))]
    [InlineData("RunCreateStateless", "on_completion", typeof(RunOnCompletion))]
    [InlineData("CronCreate", "on_run_completed", typeof(RunOnCompletion))]
    [InlineData("RunsCancel", "status", typeof(RunsCancelStatus))]
    [InlineData("ThreadCronCreate", "multitask_strategy", typeof(MultitaskStrategy))]
    [InlineData("ThreadSearchRequest", "status", typeof(ThreadStatus))]
    public void Every_enum_value_has_a_known_value(string schema, string property, Type type)
    {
        var values = Schemas().GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("enum")
            .EnumerateArray().Select(v => v.GetString()).ToList();
        var known = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type)
            .Select(p => p.GetValue(null)!.ToString()).ToHashSet();

        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains(v, known));
    }

    /// <summary>Every operation the client calls is in the spec copy, so the contract above covers what is on the wire.</summary>
    [Fact]
    public void Every_endpoint_the_client_calls_is_an_operation_of_the_spec()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Spec("langgraph-runs.openapi.json")));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();
        var endpoints = typeof(LangGraphRunsClient).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(WxO.Client.Primitives.RunEndpoint))
            .Select(f => (WxO.Client.Primitives.RunEndpoint)f.GetValue(null)!).ToList();

        Assert.True(endpoints.Count >= 40, $"{endpoints.Count} endpoints");
        Assert.All(endpoints, e => Assert.Contains($"{e.Method} {e.UrlTemplate}", operations));
    }

    [Fact]
    public void Every_stream_mode_has_a_known_value()
    {
        var modes = Schemas().GetProperty("RunCreateStateful").GetProperty("properties").GetProperty("stream_mode").GetProperty("anyOf")[1]
            .GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        var known = typeof(StreamMode).GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(StreamMode))
            .Select(p => p.GetValue(null)!.ToString()).ToHashSet();

        Assert.Equal(9, modes.Count);
        Assert.All(modes, m => Assert.Contains(m, known));
    }
}

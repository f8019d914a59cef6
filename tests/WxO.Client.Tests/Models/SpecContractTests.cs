using System.Reflection;
using System.Text.Json.Serialization;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace WxO.Client.Tests.Models;

/// <summary>Model drift detector: every property of every schema in the vendor spec has a matching wire member.</summary>
public sealed class SpecContractTests
{
    /// <summary>Spec schema name → model. A schema missing here fails the test too.</summary>
    private static readonly Dictionary<string, Type> Models = new()
    {
        ["AssistantRun"] = typeof(AssistantRun),
        ["TextGenerationParameters"] = typeof(TextGenerationParameters),
        ["Guardrails-Output"] = typeof(Guardrails),
        ["LengthPenalty"] = typeof(LengthPenalty),
        ["TextGenerationReturnOptions"] = typeof(TextGenerationReturnOptions),
        ["Guardrail"] = typeof(Guardrail),
        ["GuardrailConfig"] = typeof(GuardrailConfig),
        ["MaskProperties"] = typeof(MaskProperties),
    };

    /// <summary>
    /// Error schemas are not models: the error parser reads them into <see cref="WxO.Client.ValidationError"/>. These are the
    /// wire names it reads (a property the spec adds fails the test until the parser is taught it).
    /// </summary>
    private static readonly Dictionary<string, string[]> ReadByErrorParser = new()
    {
        ["HTTPValidationError"] = ["detail"],
        ["ValidationError"] = ["loc", "msg", "type"],
    };

    /// <summary>Enum schemas → the extensible struct and its known values.</summary>
    private static readonly Dictionary<string, Type> Enums = new()
    {
        ["AssistantRunStatus"] = typeof(AssistantRunStatus),
        ["DecodingMethod"] = typeof(DecodingMethod),
    };

    private static YamlMappingNode Schemas()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(TestPaths.Spec("wxo-get-run.openapi.yaml"));
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)((YamlMappingNode)root["components"])["schemas"];
    }

    [Fact]
    public void Every_schema_property_has_a_JsonPropertyName_member()
    {
        var problems = new List<string>();
        var seen = 0;
        foreach (var (nameNode, schemaNode) in Schemas().Children)
        {
            var schemaName = ((YamlScalarNode)nameNode).Value!;
            var schema = (YamlMappingNode)schemaNode;
            if (!schema.Children.ContainsKey("properties"))
            {
                continue;
            }

            HashSet<string?> wireNames;
            if (Models.TryGetValue(schemaName, out var model))
            {
                wireNames = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
                    .Where(n => n is not null)
                    .ToHashSet();
            }
            else if (ReadByErrorParser.TryGetValue(schemaName, out var parsed))
            {
                wireNames = [.. parsed];
            }
            else
            {
                problems.Add($"schema {schemaName} has no model");
                continue;
            }

            foreach (var property in ((YamlMappingNode)schema["properties"]).Children.Keys)
            {
                seen++;
                var wire = ((YamlScalarNode)property).Value!;
                if (!wireNames.Contains(wire))
                {
                    problems.Add($"{schemaName}.{wire} is not read: no [JsonPropertyName(\"{wire}\")] member on {model?.Name ?? "the error parser"}");
                }
            }
        }

        Assert.True(seen > 40, $"only {seen} properties were read from the spec");
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_enum_value_has_a_known_value()
    {
        var problems = new List<string>();
        foreach (var (nameNode, schemaNode) in Schemas().Children)
        {
            var schema = (YamlMappingNode)schemaNode;
            if (!schema.Children.TryGetValue("enum", out var values))
            {
                continue;
            }

            var type = Enums[((YamlScalarNode)nameNode).Value!];
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Static)
                .Where(p => p.PropertyType == type)
                .Select(p => p.GetValue(null)!.ToString())
                .ToHashSet();
            problems.AddRange(((YamlSequenceNode)values).Children
                .Select(v => ((YamlScalarNode)v).Value!)
                .Where(v => !known.Contains(v))
                .Select(v => $"{type.Name} lacks a static property for '{v}'"));
        }

        Assert.Empty(problems);
    }
}

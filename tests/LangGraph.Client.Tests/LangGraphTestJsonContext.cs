using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Tests;

[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class LangGraphTestJsonContext : JsonSerializerContext;

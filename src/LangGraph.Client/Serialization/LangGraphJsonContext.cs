using System.Text.Json;
using System.Text.Json.Serialization;
using LangGraph.Client.Models;

namespace LangGraph.Client.Serialization;

/// <summary>Source-generated metadata for the LangGraph wire types (no reflection; trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ThreadRun))]
[JsonSerializable(typeof(IReadOnlyList<ThreadRun>))]
[JsonSerializable(typeof(ThreadRunRequest))]
[JsonSerializable(typeof(ThreadRunEvent))]
[JsonSerializable(typeof(LangGraphThread))]
[JsonSerializable(typeof(LangGraphThreadRequest))]
[JsonSerializable(typeof(ThreadStateSnapshot))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LangGraphJsonContext : JsonSerializerContext;

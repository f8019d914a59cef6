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
[JsonSerializable(typeof(LangGraphThreadState))]
[JsonSerializable(typeof(IReadOnlyList<LangGraphThreadState>))]
[JsonSerializable(typeof(ThreadStateUpdate))]
[JsonSerializable(typeof(ThreadStateUpdateResponse))]
[JsonSerializable(typeof(ThreadStateAtCheckpointBody))]
[JsonSerializable(typeof(ThreadHistoryBody))]
[JsonSerializable(typeof(ThreadSearchBody))]
[JsonSerializable(typeof(ThreadPatchBody))]
[JsonSerializable(typeof(IReadOnlyList<LangGraphThread>))]
[JsonSerializable(typeof(ThreadRunRequest[]))]
[JsonSerializable(typeof(RunsCancelBody))]
[JsonSerializable(typeof(LangGraphCron))]
[JsonSerializable(typeof(IReadOnlyList<LangGraphCron>))]
[JsonSerializable(typeof(CronRequest))]
[JsonSerializable(typeof(CronUpdate))]
[JsonSerializable(typeof(CronSearchBody))]
[JsonSerializable(typeof(LangGraphAssistant))]
[JsonSerializable(typeof(IReadOnlyList<LangGraphAssistant>))]
[JsonSerializable(typeof(AssistantRequest))]
[JsonSerializable(typeof(AssistantUpdate))]
[JsonSerializable(typeof(AssistantSearchBody))]
[JsonSerializable(typeof(AssistantVersionsBody))]
[JsonSerializable(typeof(LatestVersionBody))]
[JsonSerializable(typeof(GraphSchema))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, GraphSchema>))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LangGraphJsonContext : JsonSerializerContext;

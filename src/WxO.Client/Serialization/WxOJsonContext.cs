using System.Text.Json;
using System.Text.Json.Serialization;
using WxO.Client.Authentication;
using WxO.Client.Models;

namespace WxO.Client.Serialization;

/// <summary>
/// Source-generated metadata for every WxO wire type: no reflection at run time, so the client is
/// trim- and Native-AOT-safe. Property names come from <c>[JsonPropertyName]</c>, never a naming policy.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(AssistantRun))]
[JsonSerializable(typeof(AssistantRunPage))]
[JsonSerializable(typeof(CreateRunRequest))]
[JsonSerializable(typeof(AssistantRunIds))]
[JsonSerializable(typeof(IReadOnlyList<AssistantRunEvent>))]
[JsonSerializable(typeof(ThreadMessage))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IamTokenResponse))]
[JsonSerializable(typeof(McspTokenRequest))]
[JsonSerializable(typeof(McspTokenResponse))]
internal sealed partial class WxOJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>
/// The ids of a run the server started or cancelled (the answer of <c>POST /v1/orchestrate/runs</c> and of
/// <c>POST /v1/orchestrate/runs/cancel/{run_id}</c>).
/// </summary>
public sealed record AssistantRunIds : IJsonOnDeserialized
{
    /// <summary>The run id.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("run_id")] public string RunId { get; internal set; } = null!;

    /// <summary>The thread the run belongs to: pass it as <see cref="CreateRunRequest.ThreadId"/> to continue the conversation.</summary>
    [JsonInclude, JsonPropertyName("thread_id")] public string? ThreadId { get; internal set; }

    /// <summary>The task id (create only).</summary>
    [JsonInclude, JsonPropertyName("task_id")] public string? TaskId { get; internal set; }

    /// <summary>The id of the message that started the run (create only).</summary>
    [JsonInclude, JsonPropertyName("message_id")] public string? MessageId { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    /// <summary>An answer without a run id is not one: the read fails as an invalid body.</summary>
    void IJsonOnDeserialized.OnDeserialized()
    {
        if (RunId is null)
        {
            throw new JsonException("The answer's \"run_id\" is null.");
        }
    }

    /// <summary>The run as an <see cref="IRunSource"/> reference, to wait on it (<c>WaitForCompletionAsync</c>).</summary>
    public RunReference ToRunReference() => new(RunId, string.IsNullOrWhiteSpace(ThreadId) ? null : ThreadId);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>
/// A message to an Orchestrate agent, which starts a run (the body of <c>POST /v1/orchestrate/runs</c> and
/// <c>POST /v1/orchestrate/runs/stream</c>). Fields as IBM's ADK sends them (<c>message</c>, <c>agent_id</c>,
/// <c>thread_id</c>, <c>capture_logs</c>) and as the vendor page shows (<c>llm_params</c>, <c>guardrails</c>,
/// <c>context</c>); anything else the server accepts can go in <see cref="AdditionalProperties"/>.
/// </summary>
public sealed record CreateRunRequest
{
    /// <summary>The message: <c>RunMessage.FromUser("…")</c> for plain text.</summary>
    [JsonPropertyName("message")] public required RunMessage Message { get; init; }

    /// <summary>The agent to send the message to; the instance's default agent when null.</summary>
    [JsonPropertyName("agent_id")] public string? AgentId { get; init; }

    /// <summary>The thread to continue (for example to answer a run that requires input); a new thread when null.</summary>
    [JsonPropertyName("thread_id")] public string? ThreadId { get; init; }

    /// <summary>Capture the run's logs (IBM's ADK sends <c>false</c> by default).</summary>
    [JsonPropertyName("capture_logs")] public bool? CaptureLogs { get; init; }

    /// <summary>LLM parameters for this run.</summary>
    [JsonPropertyName("llm_params")] public TextGenerationParameters? LlmParams { get; init; }

    /// <summary>Guardrail settings for this run.</summary>
    [JsonPropertyName("guardrails")] public Guardrails? Guardrails { get; init; }

    /// <summary>Context variables for the agent, e.g. <c>{"wxo_email_id": "user@example.com", "wxo_user_name": "Ana"}</c>.</summary>
    [JsonPropertyName("context")] public JsonObject? Context { get; init; }

    /// <summary>
    /// Not sent (Orchestrate has no such setting): with <see cref="IWxORunsClient.StreamRunAsync"/>, cancel the run
    /// (<c>POST …/runs/cancel/{run_id}</c>) when the caller leaves the stream before its end — breaks out of the loop,
    /// throws in it, cancels, or the stream fails. Also when the caller leaves before the stream named its run (during the
    /// request itself): the client then reads on for the run id, up to 30 s, in the background. Like LangGraph's
    /// <c>on_disconnect: cancel</c>. Default false: a run outlives the stream that started it.
    /// </summary>
    [JsonIgnore] public bool CancelOnDisconnect { get; init; }

    /// <summary>Other fields to send as they are (vendor fields this version does not model).</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The message of a run: a role and its content (text, or the vendor's list of content items).</summary>
public sealed record RunMessage
{
    /// <summary>Who speaks: <c>user</c> for a person's message.</summary>
    [JsonPropertyName("role")] public required string Role { get; init; }

    /// <summary>The content: a JSON string for text (as IBM's ADK sends it), or an array of content items.</summary>
    [JsonPropertyName("content")] public required JsonNode Content { get; init; }

    /// <summary>Other message fields to send as they are (e.g. <c>mentions</c>, <c>document_ids</c>, <c>context</c>).</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A user's text message, as IBM's ADK sends it.</summary>
    /// <param name="text">The text.</param>
    public static RunMessage FromUser(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RunMessage { Role = "user", Content = JsonValue.Create(text) };
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>
/// One message of an Orchestrate thread (<c>GET /v1/orchestrate/threads/{thread_id}/messages</c>), as IBM's ADK reads them:
/// the user's messages and the agent's answers, each with its <c>content</c> items (<c>{"response_type": "text", "text"}</c>
/// for text) and, for an answer, the <c>step_history</c> of tool calls that led to it.
/// </summary>
public sealed record ThreadMessage
{
    /// <summary>The message id.</summary>
    [JsonInclude, JsonPropertyName("id")] public string? Id { get; internal set; }

    /// <summary>The thread.</summary>
    [JsonInclude, JsonPropertyName("thread_id")] public string? ThreadId { get; internal set; }

    /// <summary>Who wrote it: <c>user</c> or <c>assistant</c>.</summary>
    [JsonInclude, JsonPropertyName("role")] public string? Role { get; internal set; }

    /// <summary>The content: a list of content items (or, from some servers, a string).</summary>
    [JsonInclude, JsonPropertyName("content")] public JsonElement Content { get; internal set; }

    /// <summary>The message this one answers (an answer's question).</summary>
    [JsonInclude, JsonPropertyName("parent_message_id")] public string? ParentMessageId { get; internal set; }

    /// <summary>When it was written.</summary>
    [JsonInclude, JsonPropertyName("created_on")] public DateTimeOffset? CreatedOn { get; internal set; }

    /// <summary>An answer's steps: <c>[{"role", "step_details": [{"type": "tool_calls" | "tool_response", …}]}]</c>.</summary>
    [JsonInclude, JsonPropertyName("step_history")] public JsonElement StepHistory { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }

    /// <summary>The message's text: a string content, or its <c>text</c> items joined by new lines; empty when it has none.</summary>
    [JsonIgnore]
    public string Text => Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join("\n", Content.EnumerateArray().Select(ContentText).Where(t => t is { Length: > 0 })),
        _ => string.Empty,
    };

    /// <summary>A content item's text: <c>{"response_type": "text", "text"}</c> (an item without a type counts as text).</summary>
    internal static string? ContentText(JsonElement item)
        => item.ValueKind == JsonValueKind.String ? item.GetString()
            : item.ValueKind == JsonValueKind.Object
              && (!item.TryGetProperty("response_type", out var type) || type.ValueKind != JsonValueKind.String || type.ValueEquals("text"))
              && item.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString()
            : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace WxO.Client;

/// <summary>
/// The agent asks the user (human in the loop): a graph that interrupts itself, a run that requires input.
/// A response holding one ends the turn; answer each with <see cref="CreateResponse"/> in the next turn of the same
/// conversation, and the agent goes on from where it asked. Several may come at once (parallel branches); answer all.
/// </summary>
public sealed class RunInputRequestContent : InputRequestContent
{
    /// <summary>Creates the request.</summary>
    /// <param name="requestId">The server's id of the question (e.g. an interrupt id).</param>
    /// <param name="value">What the agent asked, as it sent it (e.g. <c>{"question": "Book the flight?"}</c>).</param>
    /// <param name="namespace">Where in the agent it was asked: the path of subgraphs, empty at the top.</param>
    public RunInputRequestContent(string requestId, JsonElement value, IReadOnlyList<string>? @namespace = null)
        : base(requestId)
    {
        Value = value;
        Namespace = @namespace ?? [];
    }

    /// <summary>What the agent asked, as it sent it.</summary>
    public JsonElement Value { get; }

    /// <summary>Where in the agent it was asked: the path of subgraphs (<c>["child:1"]</c>), empty at the top.</summary>
    public IReadOnlyList<string> Namespace { get; }

    /// <summary>
    /// The question's text, when the agent sent one: the value itself when it is text, else its <c>question</c>,
    /// <c>message</c> or <c>text</c> field; null otherwise (read <see cref="Value"/>).
    /// </summary>
    public string? Question => Value.ValueKind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Object => Text("question") ?? Text("message") ?? Text("text"),
        _ => null,
    };

    /// <summary>The answer to this question, to send as (part of) the next turn's message.</summary>
    /// <param name="value">The answer, any JSON value (text: <c>JsonValue.Create("yes")</c>).</param>
    public RunInputResponseContent CreateResponse(JsonNode? value) => new(RequestId, value);

    private string? Text(string name)
        => Value.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
}

/// <summary>The user's answer to a <see cref="RunInputRequestContent"/>; made by its <see cref="RunInputRequestContent.CreateResponse"/>.</summary>
public sealed class RunInputResponseContent : InputResponseContent
{
    /// <summary>Creates the answer.</summary>
    /// <param name="requestId">The id of the question it answers.</param>
    /// <param name="value">The answer, any JSON value.</param>
    public RunInputResponseContent(string requestId, JsonNode? value)
        : base(requestId)
        => Value = value;

    /// <summary>The answer.</summary>
    public JsonNode? Value { get; }
}

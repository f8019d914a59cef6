using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>A thread: the conversation and state that a sequence of runs works on (<c>GET /threads/{thread_id}</c>).</summary>
public sealed record LangGraphThread
{
    /// <summary>The thread id.</summary>
    [JsonInclude, JsonRequired, JsonPropertyName("thread_id")] public Guid ThreadId { get; internal set; }

    /// <summary>When the thread was created.</summary>
    [JsonInclude, JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; internal set; }

    /// <summary>When the thread last changed.</summary>
    [JsonInclude, JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; internal set; }

    /// <summary>When the thread's state last changed.</summary>
    [JsonInclude, JsonPropertyName("state_updated_at")] public DateTimeOffset? StateUpdatedAt { get; internal set; }

    /// <summary>The thread metadata.</summary>
    [JsonInclude, JsonPropertyName("metadata")] public IReadOnlyDictionary<string, JsonElement>? Metadata { get; internal set; }

    /// <summary>The thread config.</summary>
    [JsonInclude, JsonPropertyName("config")] public IReadOnlyDictionary<string, JsonElement>? Config { get; internal set; }

    /// <summary>The thread status: <c>idle</c>, <c>busy</c>, <c>interrupted</c> or <c>error</c>.</summary>
    [JsonInclude, JsonPropertyName("status")] public ThreadStatus? Status { get; internal set; }

    /// <summary>The thread's current state values.</summary>
    [JsonInclude, JsonPropertyName("values")] public JsonElement? Values { get; internal set; }

    /// <summary>The pending interrupts, per task id: what the graph asked (each interrupt's <see cref="ThreadInterrupt.Value"/>).</summary>
    [JsonInclude, JsonPropertyName("interrupts")] public IReadOnlyDictionary<string, IReadOnlyList<ThreadInterrupt>>? Interrupts { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>One pending <c>interrupt()</c>: answer it with a run whose <see cref="RunCommand.Resume"/> is the reply.</summary>
public sealed record ThreadInterrupt
{
    /// <summary>The interrupt id.</summary>
    [JsonInclude, JsonPropertyName("id")] public string? Id { get; internal set; }

    /// <summary>The value the graph passed to <c>interrupt()</c> (e.g. the question to ask a person).</summary>
    [JsonInclude, JsonPropertyName("value")] public JsonElement Value { get; internal set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonInclude, JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; internal set; }
}

/// <summary>What to create a thread with (<c>POST /threads</c>); everything is optional.</summary>
public sealed record LangGraphThreadRequest
{
    /// <summary>The id to give the thread; the server picks one when null.</summary>
    [JsonPropertyName("thread_id")] public Guid? ThreadId { get; init; }

    /// <summary>Metadata to store on the thread.</summary>
    [JsonPropertyName("metadata")] public System.Text.Json.Nodes.JsonObject? Metadata { get; init; }

    /// <summary>What to do when <see cref="ThreadId"/> exists; the server's default is <see cref="IfThreadExists.Raise"/> (409).</summary>
    [JsonPropertyName("if_exists")] public IfThreadExists? IfExists { get; init; }
}

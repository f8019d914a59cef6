using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>What the server does when the thread of a new run does not exist.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<IfThreadNotExists>))]
public enum IfThreadNotExists
{
    /// <summary>Reject the run (the server's default).</summary>
    Reject,

    /// <summary>Create the thread.</summary>
    Create,
}

/// <summary>When the server saves the run's checkpoints.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RunDurability>))]
public enum RunDurability
{
    /// <summary>Before each next step starts (safest).</summary>
    Sync,

    /// <summary>While the next step runs (the server's default).</summary>
    Async,

    /// <summary>Only when the run ends.</summary>
    Exit,
}

/// <summary>What the server does with a streaming or waiting run when the caller disconnects.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<RunOnDisconnect>))]
public enum RunOnDisconnect
{
    /// <summary>The run continues (the server's default).</summary>
    Continue,

    /// <summary>The run is cancelled.</summary>
    Cancel,
}

/// <summary>What the server does when asked to create a thread whose id exists.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ThreadIfExists>))]
public enum ThreadIfExists
{
    /// <summary>Answer 409 (the server's default).</summary>
    Raise,

    /// <summary>Return the existing thread.</summary>
    DoNothing,
}

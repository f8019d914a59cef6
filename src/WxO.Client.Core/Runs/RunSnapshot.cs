namespace WxO.Client;

/// <summary>A vendor-neutral view of a run at one moment.</summary>
public sealed record RunSnapshot
{
    /// <summary>The <see cref="IRunSource.Name"/> of the source that produced it.</summary>
    public required string Source { get; init; }

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>The thread id, when the source has threads.</summary>
    public string? ThreadId { get; init; }

    /// <summary>The assistant (or agent) that executes the run.</summary>
    public string? AssistantId { get; init; }

    /// <summary>The mapped state.</summary>
    public RunState State { get; init; }

    /// <summary>The status exactly as the server sent it.</summary>
    public string? RawStatus { get; init; }

    /// <summary>When the run was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>
    /// When the run last changed. Sources whose server has no update time report the latest of the run's
    /// start, completion, failure and cancellation times.
    /// </summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The error text of a failed run.</summary>
    public string? Error { get; init; }

    /// <summary>True when the run has finished and its state will not change again.</summary>
    public bool IsTerminal => State is RunState.Succeeded or RunState.Failed or RunState.Cancelled
        or RunState.Interrupted or RunState.TimedOut or RunState.Expired;
}

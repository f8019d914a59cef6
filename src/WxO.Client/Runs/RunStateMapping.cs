namespace WxO.Client;

/// <summary>The status table of the design guide (§3), in one place for every source.</summary>
internal static class RunStateMapping
{
    public static RunState FromWxO(string? status) => status?.ToLowerInvariant() switch
    {
        "pending" => RunState.Pending,
        "running" => RunState.Running,
        "async_wait" => RunState.Waiting,
        // The asynchronous part is done and the run carries on, so from the caller's side it is running.
        "async_completed" => RunState.Running,
        "requires_input" => RunState.RequiresInput,
        "completed" => RunState.Succeeded,
        "failed" => RunState.Failed,
        "cancelled" => RunState.Cancelled,
        "expired" => RunState.Expired,
        _ => RunState.Unknown,
    };

    public static RunState FromLangGraph(string? status) => status?.ToLowerInvariant() switch
    {
        "pending" => RunState.Pending,
        "running" => RunState.Running,
        "success" => RunState.Succeeded,
        "error" => RunState.Failed,
        "interrupted" => RunState.Interrupted,
        "timeout" => RunState.TimedOut,
        _ => RunState.Unknown,
    };
}

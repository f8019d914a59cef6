namespace WxO.Client;

/// <summary>Orchestrate's run statuses in the vendor-neutral <see cref="RunState"/> (compared case-insensitively).</summary>
internal static class WxORunStates
{
    public static RunState From(string? status) => status?.ToLowerInvariant() switch
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
}

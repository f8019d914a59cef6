using WxO.Client;

namespace LangGraph.Client;

/// <summary>LangGraph's run statuses in the vendor-neutral <see cref="RunState"/> (compared case-insensitively).</summary>
internal static class LangGraphRunStates
{
    public static RunState From(string? status) => status?.ToLowerInvariant() switch
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

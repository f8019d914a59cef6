namespace LangGraph.Client.Models;

/// <summary>What cancelling a run does with it.</summary>
public enum RunCancelAction
{
    /// <summary>Stop the run; its work so far stays on the thread. The run ends <c>interrupted</c>.</summary>
    Interrupt,

    /// <summary>Stop the run and delete it with its checkpoints, as if it never ran.</summary>
    Rollback,
}

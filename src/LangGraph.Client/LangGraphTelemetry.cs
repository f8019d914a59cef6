using WxO.Client.Primitives;

namespace LangGraph.Client;

/// <summary>LangGraph.Client's ActivitySource and Meter, both named <c>LangGraph.Client</c>; attributes <c>langgraph.*</c>.</summary>
internal static class LangGraphTelemetry
{
    public static RunTelemetry Instance { get; } = new("LangGraph.Client", "langgraph", typeof(LangGraphTelemetry).Assembly);
}

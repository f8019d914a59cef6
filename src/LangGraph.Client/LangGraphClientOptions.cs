using WxO.Client;

namespace LangGraph.Client;

/// <summary>
/// Settings of the LangGraph / LangSmith Agent Server client (configuration section <c>LangGraph</c>).
/// Credentials are optional: a local <c>langgraph dev</c> server needs none.
/// </summary>
public sealed class LangGraphClientOptions : RunClientOptions
{
    /// <summary>The configuration section this package documents: <c>LangGraph</c>.</summary>
    public const string DefaultSectionName = "LangGraph";

    /// <summary>The environment variables read for the API key, in this order, when <see cref="ApiKey"/> is not set.</summary>
    public static IReadOnlyList<string> ApiKeyEnvironmentVariables { get; } = ["LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"];

    /// <summary>The LangSmith API key, sent as <c>x-api-key</c>. Secret: never logged or printed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// When <see cref="ApiKey"/> is not set, read it from <c>LANGGRAPH_API_KEY</c>, then <c>LANGSMITH_API_KEY</c>,
    /// then <c>LANGCHAIN_API_KEY</c> (as LangChain's own SDKs do). Default true; turn off to send no key unless configured.
    /// </summary>
    public bool ReadApiKeyFromEnvironment { get; set; } = true;

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString()
        => $"{base.ToString()} {{ ApiKey = {(ApiKey is null ? "(none)" : "***")}, ReadApiKeyFromEnvironment = {ReadApiKeyFromEnvironment} }}";
}

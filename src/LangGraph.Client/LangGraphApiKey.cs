namespace LangGraph.Client;

/// <summary>Which API key the client sends: the configured one, else (unless turned off) the first environment variable set.</summary>
internal static class LangGraphApiKey
{
    public static string? Resolve(LangGraphClientOptions options)
    {
        if (options.ApiKey is not null || !options.ReadApiKeyFromEnvironment)
        {
            return options.ApiKey;
        }

        foreach (var name in LangGraphClientOptions.ApiKeyEnvironmentVariables)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}

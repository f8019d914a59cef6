using WxO.Client.Primitives;

namespace LangGraph.Client;

/// <summary>Checks <see cref="LangGraphClientOptions"/> at startup: the shared settings, then the API key.</summary>
internal sealed class LangGraphClientOptionsValidator : RunClientOptionsValidator<LangGraphClientOptions>
{
    public static LangGraphClientOptionsValidator Instance { get; } = new();

    protected override string SectionName => LangGraphClientOptions.DefaultSectionName;

    protected override string ExampleBaseAddress => "https://<deployment>.us.langgraph.app or http://127.0.0.1:2024";

    protected override void Validate(LangGraphClientOptions options, string section, List<string> failures)
    {
        base.Validate(options, section, failures);
        var key = LangGraphApiKey.Resolve(options);
        if (key is not null && (string.IsNullOrWhiteSpace(key) ? "is empty" : CredentialProblem(key)) is { } problem)
        {
            failures.Add($"{section}:ApiKey (or the {string.Join('/', LangGraphClientOptions.ApiKeyEnvironmentVariables)} environment variable) "
                + $"{problem}. Set the key again without it (a trailing newline is the usual cause).");
        }
    }
}

using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WxO.Client.Testing;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>Environment variables are process-wide, so these tests run alone.</summary>
[CollectionDefinition(nameof(ApiKeyEnvironmentTests), DisableParallelization = true)]
public sealed class ApiKeyEnvironmentCollection;

[Collection(nameof(ApiKeyEnvironmentTests))]
public sealed class ApiKeyEnvironmentTests : IDisposable
{
    private static readonly Guid ThreadId = Guid.NewGuid();
    private static readonly Guid RunId = Guid.NewGuid();
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly Dictionary<string, string?> _saved = LangGraphClientOptions.ApiKeyEnvironmentVariables
        .ToDictionary(n => n, Environment.GetEnvironmentVariable);

    public ApiKeyEnvironmentTests()
        => _server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithBody(LangGraphTestClient.Run(ThreadId, RunId)));

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _server.Stop();
    }

    private static void SetEnvironment(string? langgraph, string? langsmith, string? langchain)
    {
        Environment.SetEnvironmentVariable("LANGGRAPH_API_KEY", langgraph);
        Environment.SetEnvironmentVariable("LANGSMITH_API_KEY", langsmith);
        Environment.SetEnvironmentVariable("LANGCHAIN_API_KEY", langchain);
    }

    private async Task<string?> SentKeyAsync(Action<LangGraphClientOptions>? configure = null)
    {
        using var host = LangGraphTestClient.Create(new Uri(_server.Url!), o =>
        {
            o.ReadApiKeyFromEnvironment = true;
            configure?.Invoke(o);
        });
        await host.Client.GetThreadRunAsync(ThreadId, RunId);
        var headers = _server.LogEntries.Last().RequestMessage!.Headers!;
        return headers.TryGetValue("x-api-key", out var values) ? values.Single() : null;
    }

    [Fact]
    public async Task Environment_fallback_order_is_langgraph_then_langsmith_then_langchain()
    {
        SetEnvironment("from-langgraph", "from-langsmith", "from-langchain");
        Assert.Equal("from-langgraph", await SentKeyAsync());

        SetEnvironment(null, "from-langsmith", "from-langchain");
        Assert.Equal("from-langsmith", await SentKeyAsync());

        SetEnvironment(null, null, "from-langchain");
        Assert.Equal("from-langchain", await SentKeyAsync());

        SetEnvironment(null, null, null);
        Assert.Null(await SentKeyAsync());
    }

    [Fact]
    public async Task Configured_key_wins_and_the_fallback_can_be_turned_off()
    {
        SetEnvironment("from-langgraph", "from-langsmith", "from-langchain");

        Assert.Equal("configured", await SentKeyAsync(o => o.ApiKey = "configured"));
        Assert.Null(await SentKeyAsync(o => o.ReadApiKeyFromEnvironment = false));
    }

    [Fact]
    public void Key_with_line_break_from_the_environment_fails_validation_without_echoing_it()
    {
        SetEnvironment("abc\ndef-secret", null, null);

        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LangGraphTestClient.Create(new Uri(_server.Url!), o => o.ReadApiKeyFromEnvironment = true));

        Assert.Contains("line break", ex.Message);
        Assert.DoesNotContain("def-secret", ex.Message);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client;
using LangGraph.Client.Errors;
using Xunit;

namespace LangGraph.Client.Tests;

/// <summary>LangGraph's options (defaults, printing, validation), argument checks, and its Zod and FastAPI error bodies.</summary>
public sealed class OptionsAndErrorBodyTests
{
    [Fact]
    public void Defaults_read_the_key_from_the_environment_and_print_no_secret()
    {
        var options = new LangGraphClientOptions { BaseAddress = new Uri("http://127.0.0.1:2024") };
        Assert.True(options.ReadApiKeyFromEnvironment);
        Assert.Equal(["LANGGRAPH_API_KEY", "LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"], LangGraphClientOptions.ApiKeyEnvironmentVariables);
        Assert.EndsWith(" { ApiKey = (none), ReadApiKeyFromEnvironment = True }", options.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("LangGraphClientOptions { BaseAddress = http://127.0.0.1:2024/, ", options.ToString(), StringComparison.Ordinal);

        options.ApiKey = "lsv2_pt_secret_key";
        options.ReadApiKeyFromEnvironment = false;
        Assert.EndsWith(" { ApiKey = ***, ReadApiKeyFromEnvironment = False }", options.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ", "LangGraph:ApiKey (or the LANGGRAPH_API_KEY/LANGSMITH_API_KEY/LANGCHAIN_API_KEY environment variable) is empty. Set the key again without it (a trailing newline is the usual cause).")]
    [InlineData("key\n", "LangGraph:ApiKey (or the LANGGRAPH_API_KEY/LANGSMITH_API_KEY/LANGCHAIN_API_KEY environment variable) contains a line break (CR or LF) at position 4 of 4; only visible ASCII characters are allowed. Set the key again without it (a trailing newline is the usual cause).")]
    public void A_malformed_key_is_refused_without_quoting_it(string key, string expected)
    {
        var options = new LangGraphClientOptions { BaseAddress = new Uri("http://127.0.0.1:2024"), ApiKey = key, ReadApiKeyFromEnvironment = false };

        Assert.Equal([expected], LangGraphClientOptionsValidator.Instance.Validate(null, options).Failures);
    }

    [Fact]
    public void A_missing_base_address_names_both_kinds_of_server()
        => Assert.Equal(
            ["LangGraph:BaseAddress is required. Set it to the server URL, for example https://<deployment>.us.langgraph.app or http://127.0.0.1:2024."],
            LangGraphClientOptionsValidator.Instance.Validate(null, new LangGraphClientOptions { ReadApiKeyFromEnvironment = false }).Failures);

    [Fact]
    public void Registration_names_the_missing_argument()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => LangGraphClientServiceCollectionExtensions.AddLangGraphClient((IServiceCollection)null!, _ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient((Action<LangGraphClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => LangGraphClientServiceCollectionExtensions.AddLangGraphClient((IServiceCollection)null!, configuration)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddLangGraphClient((IConfiguration)null!)).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => LangGraphClientServiceCollectionExtensions.AddLangGraphClient((IRunClientBuilder)null!, _ => { })).ParamName);
        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => LangGraphClientServiceCollectionExtensions.AddLangGraphClient((IRunClientBuilder)null!, configuration)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => LangGraphRunsClient.Create(null!)).ParamName);
    }

    [Theory]
    // Zod (the JS server): each issue with its path, joined; an issue without a message is skipped; without issues, the error's name.
    [InlineData("""{"error":{"name":"ZodError","issues":[{"code":"invalid_type","path":["input","n"],"message":"Expected number"},{"path":[],"message":"Bad"},{"code":"x"}]}}""",
        "input.n: Expected number (invalid_type) | Bad ()")]
    [InlineData("""{"error":{"name":"ZodError","issues":[]}}""", "ZodError")]
    [InlineData("""{"error":{"name":"ZodError","issues":"none"}}""", "ZodError")]
    [InlineData("""{"error":{"issues":[{"path":"body","message":"Bad"}]}}""", "Bad ()")]
    // FastAPI (the Python server) is read before Zod.
    [InlineData("""{"detail":[{"loc":["body","input"],"msg":"Field required","type":"missing"}],"error":{"name":"ZodError"}}""", "body.input: Field required (missing)")]
    public void Validation_bodies_of_both_servers_are_read(string body, string expected)
    {
        var details = LangGraphErrorParser.Instance.Parse(body, "application/json");

        Assert.NotNull(details);
        Assert.Equal(expected, details.Errors is { Count: > 0 } errors ? string.Join(" | ", errors.Select(e => $"{e} ({e.Type})")) : details.Message);
    }

    [Theory]
    [InlineData("""{"error":{"name":"HTTPException","message":"Thread not found"}}""")]
    [InlineData("""{"error":{"code":7}}""")]
    [InlineData("""{"error":{"name":5,"issues":[]}}""")]
    [InlineData("""{"error":"text"}""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    public void Other_bodies_are_left_to_the_core(string body)
        => Assert.Null(LangGraphErrorParser.Instance.Parse(body, "application/json"));
}

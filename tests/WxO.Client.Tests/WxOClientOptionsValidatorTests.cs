using WxO.Client.Authentication;
using Xunit;

namespace WxO.Client.Tests;

/// <summary>The WxO-only checks: which credentials each sign-in mode needs, and where tokens may be fetched from.</summary>
public sealed class WxOClientOptionsValidatorTests
{
    private const string Cloud = "https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/abc";

    private static string[] Failures(Action<WxOClientOptions> configure)
    {
        var options = new WxOClientOptions { BaseAddress = new Uri(Cloud) };
        configure(options);
        return [.. WxOClientOptionsValidator.Instance.Validate(null, options).Failures ?? []];
    }

    [Fact]
    public void No_credentials_at_all_says_what_to_set()
        => Assert.Equal(
            ["WxO needs credentials: set WxO:ApiKey (IBM API key), WxO:BearerToken, or a TokenProvider."],
            Failures(_ => { }));

    [Fact]
    public void A_missing_base_address_names_an_example()
        => Assert.Equal(
            [
                "WxO:BaseAddress is required. Set it to the server URL, for example https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/<instance-id>.",
            ],
            Failures(o => { o.BaseAddress = null; o.BearerToken = "token-value"; }));

    [Fact]
    public void An_api_key_on_an_unknown_host_needs_the_mode()
        => Assert.Equal(
            [
                "WxO:AuthenticationMode cannot be inferred from the host 'wxo.example.com'. Set WxO:AuthenticationMode to IbmCloudIam "
                + "(IBM Cloud), McspV1 or McspV2 (watsonx Orchestrate SaaS on AWS).",
            ],
            Failures(o => { o.BaseAddress = new Uri("https://wxo.example.com/instances/abc"); o.ApiKey = "api-key-value"; }));

    [Theory]
    [InlineData(AuthenticationMode.BearerToken, "WxO:AuthenticationMode is BearerToken but WxO:BearerToken is not set.")]
    [InlineData(AuthenticationMode.CustomProvider, "WxO:AuthenticationMode is CustomProvider but no TokenProvider is set.")]
    [InlineData(AuthenticationMode.IbmCloudIam, "WxO:AuthenticationMode is IbmCloudIam but WxO:ApiKey is not set.")]
    [InlineData(AuthenticationMode.McspV1, "WxO:AuthenticationMode is McspV1 but WxO:ApiKey is not set.")]
    [InlineData(AuthenticationMode.McspV2, "WxO:AuthenticationMode is McspV2 but WxO:ApiKey is not set.")]
    public void Each_mode_names_the_credential_it_lacks(AuthenticationMode mode, string expected)
        => Assert.Equal([expected], Failures(o => o.AuthenticationMode = mode));

    [Theory]
    [InlineData("", "WxO:ApiKey is empty. Set the key again without it (a trailing newline is the usual cause).")]
    [InlineData("key\n", "WxO:ApiKey contains a line break (CR or LF) at position 4 of 4; only visible ASCII characters are allowed. Set the key again without it (a trailing newline is the usual cause).")]
    public void A_malformed_api_key_is_refused_without_quoting_it(string apiKey, string expected)
        => Assert.Equal([expected], Failures(o => { o.ApiKey = apiKey; o.AuthenticationMode = AuthenticationMode.IbmCloudIam; }));

    [Theory]
    [InlineData("https://iam.example.com/token", false)]
    [InlineData("http://localhost:8080/token", false)]
    [InlineData("http://127.0.0.1/token", false)]
    [InlineData("http://iam.example.com/token", true)]
    [InlineData("ftp://iam.example.com/token", true)]
    public void A_token_endpoint_is_https_or_loopback_http(string endpoint, bool refused)
    {
        var failures = Failures(o =>
        {
            o.ApiKey = "api-key-value";
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri(endpoint);
        });

        Assert.Equal(
            refused ? [$"WxO:TokenEndpoint '{endpoint}' must be an absolute https URL (http only for loopback, or with AllowInsecureHttp)."] : [],
            failures);
    }

    [Fact]
    public void Plain_http_to_a_token_endpoint_elsewhere_needs_the_opt_in()
        => Assert.Empty(Failures(o =>
        {
            o.ApiKey = "api-key-value";
            o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
            o.TokenEndpoint = new Uri("http://iam.example.com/token");
            o.AllowInsecureHttp = true;
        }));

    [Fact]
    public void A_relative_token_endpoint_is_refused()
        => Assert.Equal(
            ["WxO:TokenEndpoint '/token' must be an absolute https URL (http only for loopback, or with AllowInsecureHttp)."],
            Failures(o =>
            {
                o.ApiKey = "api-key-value";
                o.AuthenticationMode = AuthenticationMode.IbmCloudIam;
                o.TokenEndpoint = new Uri("/token", UriKind.Relative);
            }));
}

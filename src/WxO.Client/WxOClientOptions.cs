using WxO.Client.Authentication;

namespace WxO.Client;

/// <summary>
/// Settings of the watsonx Orchestrate client (configuration section <c>WxO</c>).
/// Base URL forms: <c>https://api.&lt;region&gt;.watson-orchestrate.cloud.ibm.com/instances/&lt;id&gt;</c> (IBM Cloud),
/// <c>https://api.dl.watson-orchestrate.ibm.com/instances/&lt;id&gt;</c> (AWS), <c>http://localhost:4321/api</c> (local developer edition);
/// the client appends <c>v1/orchestrate/runs</c> and keeps any base path.
/// </summary>
public sealed class WxOClientOptions : RunClientOptions
{
    /// <summary>The configuration section this package documents: <c>WxO</c>.</summary>
    public const string DefaultSectionName = "WxO";

    /// <summary>
    /// An IBM API key, exchanged for short-lived tokens (cached, refreshed at 80 % of their lifetime) according
    /// to <see cref="AuthenticationMode"/>. Secret: never logged or printed.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>How to sign in. Default <see cref="AuthenticationMode.Auto"/>: chosen from the credentials and the base address.</summary>
    public AuthenticationMode AuthenticationMode { get; set; }

    /// <summary>
    /// Overrides the identity service URL of the API-key modes (e.g. a private endpoint). For
    /// <see cref="AuthenticationMode.McspV2"/>, <c>{instance_id}</c> in it is replaced with the instance id.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString()
        => $"{base.ToString()} {{ ApiKey = {(ApiKey is null ? "(none)" : "***")}, AuthenticationMode = {AuthenticationMode}, TokenEndpoint = {TokenEndpoint} }}";
}

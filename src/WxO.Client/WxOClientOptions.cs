namespace WxO.Client;

/// <summary>
/// Settings of the watsonx Orchestrate client (configuration section <c>WxO</c>).
/// Base URL forms: <c>https://api.&lt;region&gt;.watson-orchestrate.cloud.ibm.com/instances/&lt;id&gt;</c> (IBM Cloud),
/// <c>https://api.dl.watson-orchestrate.ibm.com/instances/&lt;id&gt;</c> (AWS), <c>http://localhost:4321/api</c> (local developer edition).
/// </summary>
public sealed class WxOClientOptions : RunClientOptions
{
    /// <summary>The configuration section this package documents: <c>WxO</c>.</summary>
    public const string DefaultSectionName = "WxO";

    internal override string SectionName => DefaultSectionName;

    internal override string ExampleBaseAddress => "https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/<instance-id>";

    internal override void Validate(List<string> failures)
    {
        base.Validate(failures);
        if (BearerToken is null && TokenProvider is null)
        {
            failures.Add($"{SectionName} needs credentials: set {SectionName}:BearerToken, or a TokenProvider.");
        }
    }
}

using WxO.Client.Authentication;
using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>Checks <see cref="WxOClientOptions"/> at startup: the shared settings, then the credentials and sign-in mode.</summary>
internal sealed class WxOClientOptionsValidator : RunClientOptionsValidator<WxOClientOptions>
{
    public static WxOClientOptionsValidator Instance { get; } = new();

    protected override string SectionName => WxOClientOptions.DefaultSectionName;

    protected override string ExampleBaseAddress => "https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/<instance-id>";

    protected override void Validate(WxOClientOptions options, string section, List<string> failures)
    {
        base.Validate(options, section, failures);
        var s = section;
        var apiKey = options.ApiKey;
        if (apiKey is not null && (string.IsNullOrWhiteSpace(apiKey) ? "is empty" : CredentialProblem(apiKey)) is { } problem)
        {
            failures.Add($"{s}:ApiKey {problem}. Set the key again without it (a trailing newline is the usual cause).");
        }

        if (apiKey is not null && (options.BearerToken is not null || options.TokenProvider is not null))
        {
            failures.Add($"{s}: set only one of ApiKey, BearerToken or TokenProvider.");
        }

        var mode = IbmSignIn.EffectiveMode(options);
        switch (mode)
        {
            case AuthenticationMode.Auto when apiKey is not null:
                failures.Add($"{s}:AuthenticationMode cannot be inferred from the host '{options.BaseAddress?.IdnHost}'. Set {s}:AuthenticationMode "
                    + "to IbmCloudIam (IBM Cloud), McspV1 or McspV2 (watsonx Orchestrate SaaS on AWS).");
                break;
            case AuthenticationMode.Auto:
                failures.Add($"{s} needs credentials: set {s}:ApiKey (IBM API key), {s}:BearerToken, or a TokenProvider.");
                break;
            case AuthenticationMode.BearerToken when options.BearerToken is null:
                failures.Add($"{s}:AuthenticationMode is BearerToken but {s}:BearerToken is not set.");
                break;
            case AuthenticationMode.CustomProvider when options.TokenProvider is null:
                failures.Add($"{s}:AuthenticationMode is CustomProvider but no TokenProvider is set.");
                break;
            case AuthenticationMode.IbmCloudIam or AuthenticationMode.McspV1 or AuthenticationMode.McspV2 when apiKey is null:
                failures.Add($"{s}:AuthenticationMode is {mode} but {s}:ApiKey is not set.");
                break;
            case AuthenticationMode.McspV2 when IbmSignIn.InstanceId(options.BaseAddress) is null:
                failures.Add($"{s}:AuthenticationMode McspV2 needs the instance id in {s}:BaseAddress (…/instances/<instance-id>).");
                break;
        }

        if (options.TokenEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri
            || (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && (options.AllowInsecureHttp || IsLoopback(endpoint))))))
        {
            failures.Add($"{s}:TokenEndpoint '{endpoint.OriginalString}' must be an absolute https URL (http only for loopback, or with AllowInsecureHttp).");
        }
    }
}

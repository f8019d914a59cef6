using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using WxO.Client.Http;

namespace WxO.Client.Primitives;

/// <summary>
/// Checks a run client's options at startup, with one message per problem that says what to change. Checks everything
/// <see cref="RunClientOptions"/> holds; a vendor's validator derives from it and adds its own checks.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public abstract class RunClientOptionsValidator<TOptions> : IValidateOptions<TOptions> where TOptions : RunClientOptions
{
    /// <summary>The configuration section the messages name (e.g. <c>MyVendor</c>, as in <c>MyVendor:BaseAddress</c>).</summary>
    protected abstract string SectionName { get; }

    /// <summary>An example base address, shown when the configured one is missing or wrong.</summary>
    protected abstract string ExampleBaseAddress { get; }

    /// <inheritdoc />
    /// <remarks>The messages of a named client's options name it as a subsection: <c>MyVendor:tenant-a:BaseAddress</c>.</remarks>
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        // Validate(options, section, failures) refuses a null options.
        var failures = new List<string>();
        Validate(options, string.IsNullOrEmpty(name) ? SectionName : $"{SectionName}:{name}", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds a message per problem. Call the base method first when you override it.</summary>
    /// <param name="options">The options.</param>
    /// <param name="section">The configuration section the messages name (<see cref="SectionName"/>, with the client's name if it has one).</param>
    /// <param name="failures">The messages so far.</param>
    protected virtual void Validate(TOptions options, string section, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(failures);
        var s = section;
        var baseAddress = options.BaseAddress;
        if (baseAddress is null)
        {
            failures.Add($"{s}:BaseAddress is required. Set it to the server URL, for example {ExampleBaseAddress}.");
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{s}:BaseAddress '{baseAddress.OriginalString}' must be an absolute http(s) URL, for example {ExampleBaseAddress}.");
        }
        else
        {
            if (!string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
            {
                failures.Add($"{s}:BaseAddress '{baseAddress.OriginalString}' must not have a query string or fragment.");
            }

            if (baseAddress.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp && !CredentialRules.IsLoopback(baseAddress))
            {
                failures.Add($"{s}:BaseAddress '{baseAddress.OriginalString}' uses plain http to a host that is not loopback, so credentials "
                    + $"would travel unencrypted. Use https, or set {s}:AllowInsecureHttp=true if the network is trusted.");
            }

            if (!string.IsNullOrEmpty(baseAddress.UserInfo))
            {
                failures.Add($"{s}:BaseAddress must not contain credentials (user:password@); use {s}:BearerToken or a token provider.");
            }
        }

        if (options.BearerToken is { } bearerToken)
        {
            if (string.IsNullOrWhiteSpace(bearerToken))
            {
                failures.Add($"{s}:BearerToken is empty. Remove it or set the token.");
            }
            else if (CredentialRules.Problem(bearerToken) is { } problem)
            {
                failures.Add($"{s}:BearerToken {problem}. Copy the token again without it (a trailing newline is the usual cause).");
            }

            if (options.TokenProvider is not null)
            {
                failures.Add($"{s}: set either BearerToken or TokenProvider, not both.");
            }
        }

        if (options.ApplicationId is { } applicationId && (applicationId.Length is 0 or > 24 || applicationId.Contains(' ', StringComparison.Ordinal)
            || !ProductInfoHeaderValue.TryParse(applicationId, out _)))
        {
            failures.Add($"{s}:ApplicationId '{applicationId}' must be 1 to 24 characters without spaces, a product token "
                + "such as 'ticket-bot' or 'ticket-bot/2.1'.");
        }

        if (options.MaxResponseContentBytes < 1024)
        {
            failures.Add($"{s}:MaxResponseContentBytes must be at least 1024 (was {options.MaxResponseContentBytes}).");
        }

        ValidateResilience(options.Resilience, $"{s}:Resilience:", failures);
        ValidateStreaming(options, s, failures);
    }

    private static void ValidateResilience(RunResilienceOptions resilience, string p, List<string> failures)
    {
        if (resilience.MaxRetryAttempts is < 0 or > 10)
        {
            failures.Add($"{p}MaxRetryAttempts must be between 0 and 10 (was {resilience.MaxRetryAttempts}).");
        }

        if (resilience.BaseDelay < TimeSpan.Zero || resilience.BaseDelay > resilience.MaxDelay)
        {
            failures.Add($"{p}BaseDelay must be between 0 and MaxDelay ({resilience.MaxDelay}) (was {resilience.BaseDelay}).");
        }

        if (resilience.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{p}MaxRetryAfter must not be negative (was {resilience.MaxRetryAfter}).");
        }

        var min = TimeSpan.FromMilliseconds(10);
        var max = TimeSpan.FromDays(1);
        if (resilience.AttemptTimeout < min || resilience.AttemptTimeout > max)
        {
            failures.Add($"{p}AttemptTimeout must be between 10 ms and 1 day (was {resilience.AttemptTimeout}).");
        }

        if (resilience.LongPollTimeout < min || resilience.LongPollTimeout > max)
        {
            failures.Add($"{p}LongPollTimeout must be between 10 ms and 1 day (was {resilience.LongPollTimeout}).");
        }

        if (resilience.TotalTimeout < min || resilience.TotalTimeout > max)
        {
            failures.Add($"{p}TotalTimeout must be between 10 ms and 1 day (was {resilience.TotalTimeout}).");
        }
        else if (resilience.Enabled && resilience.TotalTimeout < resilience.AttemptTimeout)
        {
            failures.Add($"{p}TotalTimeout ({resilience.TotalTimeout}) must not be shorter than AttemptTimeout ({resilience.AttemptTimeout}).");
        }
    }

    private static void ValidateStreaming(RunClientOptions options, string s, List<string> failures)
    {
        if (options.StreamIdleTimeout < TimeSpan.FromSeconds(1) || options.StreamIdleTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{s}:StreamIdleTimeout must be between 1 s and 1 day (was {options.StreamIdleTimeout}).");
        }

        if (options.StreamReconnectAttempts is < 0 or > 100)
        {
            failures.Add($"{s}:StreamReconnectAttempts must be between 0 and 100 (was {options.StreamReconnectAttempts}).");
        }
    }

    /// <summary>
    /// What makes a credential unfit for a header (empty, or a character outside visible ASCII, with its position), or null
    /// when it is fit. Never quotes the credential.
    /// </summary>
    /// <param name="value">A credential.</param>
    protected static string? CredentialProblem(string value) => CredentialRules.Problem(value);

    /// <summary>True when <paramref name="uri"/> is loopback, where plain http never leaves the machine.</summary>
    /// <param name="uri">An absolute URL.</param>
    protected static bool IsLoopback(Uri uri) => CredentialRules.IsLoopback(uri);
}

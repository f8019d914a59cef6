using WxO.Client.Authentication;
using WxO.Client.Http;

namespace WxO.Client;

/// <summary>Settings every run client shares: where the server is, how to sign in, how to retry.</summary>
public abstract class RunClientOptions
{
    /// <summary>
    /// The server's base URL. Any path is kept: <c>https://host/instances/abc</c> reads runs from
    /// <c>https://host/instances/abc/v1/orchestrate/runs/…</c>.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>A bearer token sent as <c>Authorization: Bearer &lt;token&gt;</c>. Secret: never logged or printed.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Supplies a bearer token per request, for tokens that expire. Use instead of <see cref="BearerToken"/>.</summary>
    public IAccessTokenProvider? TokenProvider { get; set; }

    /// <summary>
    /// Allows <c>http://</c> to hosts other than loopback. Off by default because credentials would travel
    /// unencrypted; loopback (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>) is always allowed.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Retries and timeouts.</summary>
    public RunResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Your application's name (at most 24 characters, a product token such as <c>ticket-bot</c> or <c>ticket-bot/2.1</c>),
    /// put first in the User-Agent so the vendor can tell your traffic apart: <c>ticket-bot WxO.Client/0.1.0 (.NET 10.0.1; Linux)</c>.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>Sends the User-Agent header described at <see cref="ApplicationId"/> (default). Set false to send none.</summary>
    public bool SendUserAgent { get; set; } = true;

    /// <summary>
    /// The largest response body read (default 16 MiB). A larger one fails with <see cref="RunApiException"/> instead of
    /// filling memory; raise it if you list very large pages.
    /// </summary>
    public long MaxResponseContentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The configuration section name used in validation messages (<c>WxO</c>, <c>LangGraph</c>).</summary>
    internal abstract string SectionName { get; }

    /// <summary>An example base address for validation messages.</summary>
    internal abstract string ExampleBaseAddress { get; }

    /// <summary>
    /// The provider of tokens that change (custom, or an IBM sign-in); null for a fixed <see cref="BearerToken"/> or
    /// none. Called once per container.
    /// </summary>
    internal virtual IAccessTokenProvider? CreateTokenProvider(IServiceProvider services) => TokenProvider;

    /// <summary>Adds a message per problem; each says what to change.</summary>
    internal virtual void Validate(List<string> failures)
    {
        var s = SectionName;
        if (BaseAddress is null)
        {
            failures.Add($"{s}:BaseAddress is required. Set it to the server URL, for example {ExampleBaseAddress}.");
        }
        else if (!BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttps && BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{s}:BaseAddress '{BaseAddress.OriginalString}' must be an absolute http(s) URL, for example {ExampleBaseAddress}.");
        }
        else
        {
            if (!string.IsNullOrEmpty(BaseAddress.Query) || !string.IsNullOrEmpty(BaseAddress.Fragment))
            {
                failures.Add($"{s}:BaseAddress '{BaseAddress.OriginalString}' must not have a query string or fragment.");
            }

            if (BaseAddress.Scheme == Uri.UriSchemeHttp && !AllowInsecureHttp && !CredentialRules.IsLoopback(BaseAddress))
            {
                failures.Add($"{s}:BaseAddress '{BaseAddress.OriginalString}' uses plain http to a host that is not loopback, so credentials "
                    + $"would travel unencrypted. Use https, or set {s}:AllowInsecureHttp=true if the network is trusted.");
            }

            if (!string.IsNullOrEmpty(BaseAddress.UserInfo))
            {
                failures.Add($"{s}:BaseAddress must not contain credentials (user:password@); use {s}:BearerToken or a token provider.");
            }
        }

        if (BearerToken is not null)
        {
            if (string.IsNullOrWhiteSpace(BearerToken))
            {
                failures.Add($"{s}:BearerToken is empty. Remove it or set the token.");
            }
            else if (CredentialRules.HasLineBreak(BearerToken))
            {
                failures.Add($"{s}:BearerToken contains a line break (CR or LF). Copy the token without the trailing newline.");
            }

            if (TokenProvider is not null)
            {
                failures.Add($"{s}: set either BearerToken or TokenProvider, not both.");
            }
        }

        if (ApplicationId is not null && (ApplicationId.Length is 0 or > 24 || ApplicationId.Contains(' ', StringComparison.Ordinal)
            || !System.Net.Http.Headers.ProductInfoHeaderValue.TryParse(ApplicationId, out _)))
        {
            failures.Add($"{s}:ApplicationId '{ApplicationId}' must be 1 to 24 characters without spaces, a product token "
                + "such as 'ticket-bot' or 'ticket-bot/2.1'.");
        }

        if (MaxResponseContentBytes < 1024)
        {
            failures.Add($"{s}:MaxResponseContentBytes must be at least 1024 (was {MaxResponseContentBytes}).");
        }

        Resilience.Validate(s, failures);
    }

    /// <summary>Describes the options without any secret.</summary>
    public override string ToString()
        => $"{GetType().Name} {{ BaseAddress = {BaseAddress}, BearerToken = {(BearerToken is null ? "(none)" : "***")}, "
            + $"TokenProvider = {(TokenProvider is null ? "(none)" : TokenProvider.GetType().Name)}, AllowInsecureHttp = {AllowInsecureHttp}, "
            + $"ApplicationId = {ApplicationId}, SendUserAgent = {SendUserAgent}, MaxResponseContentBytes = {MaxResponseContentBytes}, {Resilience} }}";
}

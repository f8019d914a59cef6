namespace WxO.Client.Authentication;

/// <summary>The provider behind <see cref="RunClientOptions.BearerToken"/>: the same token every time.</summary>
internal sealed class StaticAccessTokenProvider(string token) : IAccessTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(token);

    // Never the token itself: this object can end up in a debugger display or a log line.
    public override string ToString() => "StaticAccessTokenProvider(***)";
}

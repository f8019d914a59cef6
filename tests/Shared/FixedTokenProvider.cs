using WxO.Client.Authentication;

namespace WxO.Client.Testing;

/// <summary>A custom token provider that always hands out the same token (and so never asks for a retry after a 401).</summary>
internal sealed class FixedTokenProvider(string token) : IAccessTokenProvider
{
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(token);
}

namespace WxO.Client.Authentication;

/// <summary>
/// Supplies the bearer token for each request. Implement it to plug in your own sign-in (a vault,
/// a workload identity, a token your host already holds). Called once per request, so cache inside.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>Returns the access token to send as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Called when the server answered 401 to a request that carried <paramref name="rejectedToken"/>. Return
    /// <see langword="true"/> if the next <see cref="GetAccessTokenAsync"/> will return a different token: the client
    /// then retries that request once. The default returns <see langword="false"/> (no retry), right for fixed tokens.
    /// </summary>
    /// <param name="rejectedToken">The token the server rejected.</param>
    bool Invalidate(string rejectedToken) => false;
}

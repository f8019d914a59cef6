namespace WxO.Client.Authentication;

/// <summary>How the WxO client signs in.</summary>
public enum AuthenticationMode
{
    /// <summary>
    /// Chosen from what is configured: a bearer token or a token provider is used as is; an API key is
    /// exchanged with IBM Cloud IAM for <c>*.cloud.ibm.com</c> base addresses and with MCSP v1 for
    /// <c>*.watson-orchestrate.ibm.com</c>; for any other host an API key needs an explicit mode.
    /// </summary>
    Auto = 0,

    /// <summary>A fixed token from <see cref="RunClientOptions.BearerToken"/>.</summary>
    BearerToken,

    /// <summary>The API key is exchanged at IBM Cloud IAM (<c>POST https://iam.cloud.ibm.com/identity/token</c>).</summary>
    IbmCloudIam,

    /// <summary>The API key is exchanged at MCSP v1 (<c>POST https://iam.platform.saas.ibm.com/siusermgr/api/1.0/apikeys/token</c>).</summary>
    McspV1,

    /// <summary>
    /// The API key is exchanged at MCSP v2
    /// (<c>POST https://account-iam.platform.saas.ibm.com/api/2.0/services/{instance_id}/apikeys/token</c>), with the
    /// instance id taken from the base address (the segment after <c>instances/</c>).
    /// </summary>
    McspV2,

    /// <summary>Tokens come from your <see cref="RunClientOptions.TokenProvider"/>.</summary>
    CustomProvider,
}

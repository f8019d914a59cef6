using System.Text.Json.Serialization;

namespace WxO.Client.Authentication;

/// <summary>IBM Cloud IAM token response.</summary>
internal sealed record IamTokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }

    [JsonPropertyName("expiration")] public long? Expiration { get; init; }

    public override string ToString() => "IamTokenResponse(***)";
}

/// <summary>MCSP token request.</summary>
internal sealed record McspTokenRequest
{
    [JsonPropertyName("apikey")] public required string ApiKey { get; init; }

    public override string ToString() => "McspTokenRequest(***)";
}

/// <summary>MCSP token response.</summary>
internal sealed record McspTokenResponse
{
    [JsonPropertyName("token")] public string? Token { get; init; }

    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }

    public override string ToString() => "McspTokenResponse(***)";
}

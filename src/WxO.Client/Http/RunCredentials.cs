using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using WxO.Client.Authentication;

namespace WxO.Client.Http;

/// <summary>The token provider of one client, built once per container from its options.</summary>
internal sealed class RunCredentials<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(IOptions<TOptions> options, IServiceProvider services) where TOptions : RunClientOptions
{
    public IAccessTokenProvider? TokenProvider { get; } = options.Value.CreateTokenProvider(services);
}

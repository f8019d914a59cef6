using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WxO.Client.Diagnostics;

internal static class ServiceProviderLogging
{
    /// <summary>A logger from the host's logging, or a no-op one when the host has none.</summary>
    public static ILogger CreateLogger<T>(this IServiceProvider services)
        => services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WxO.Client.Diagnostics;

internal static class ServiceProviderLogging
{
    /// <summary>A logger of the given category, or a no-op one when the host has no logging.</summary>
    public static ILogger CreateLogger(this IServiceProvider services, string category)
        => services.GetService<ILoggerFactory>()?.CreateLogger(category) ?? NullLogger.Instance;

    /// <summary>The host's clock (tests register a fake one), else the system clock. Nothing is registered for it.</summary>
    public static TimeProvider GetTimeProvider(this IServiceProvider services)
        => services.GetService<TimeProvider>() ?? TimeProvider.System;
}

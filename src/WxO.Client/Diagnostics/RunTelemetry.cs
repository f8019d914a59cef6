using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WxO.Client.Diagnostics;

/// <summary>
/// The traces and metrics identity of one package: an <see cref="ActivitySource"/> and a <see cref="Meter"/>
/// named after it (<c>WxO.Client</c>, <c>LangGraph.Client</c>), and the product token of its User-Agent.
/// Static, like HttpClient's own sources: listeners subscribe by name, with or without DI.
/// </summary>
internal sealed class RunTelemetry
{
    private Histogram<int>? _waitPolls;
    private Counter<long>? _tokenRefreshes;

    public RunTelemetry(string name, string attributePrefix, Assembly assembly)
    {
        Name = name;
        AttributePrefix = attributePrefix;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        Version = version.Split('+')[0];
        Source = new ActivitySource(name, Version);
        Meter = new Meter(name, Version);
        var prefix = name.ToLowerInvariant();
        RequestDuration = Meter.CreateHistogram<double>($"{prefix}.request.duration", "s",
            "Duration of client calls, retries and waits between them included.");
        Retries = Meter.CreateCounter<long>($"{prefix}.request.retries", "{retry}", "Requests retried by the resilience pipeline.");
        Product = new ProductInfoHeaderValue(name, Version);
    }

    /// <summary>WxO.Client's own telemetry; also carries the waits and sign-ins, which live in this package.</summary>
    public static RunTelemetry WxO { get; } = new("WxO.Client", "wxo", typeof(RunTelemetry).Assembly);

    /// <summary>The <c>(.NET 10.0.1; Linux)</c> comment of the User-Agent.</summary>
    public static ProductInfoHeaderValue Platform { get; } = new($"({RuntimeInformation.FrameworkDescription}; {OperatingSystemName()})");

    public string Name { get; }

    public string Version { get; }

    /// <summary>Prefix of this package's own span attributes (<c>wxo.run.id</c>, <c>langgraph.thread.id</c>).</summary>
    public string AttributePrefix { get; }

    public ActivitySource Source { get; }

    public Meter Meter { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Retries { get; }

    public ProductInfoHeaderValue Product { get; }

    /// <summary>Polls per wait; created on first use so only the package that waits publishes it.</summary>
    public Histogram<int> WaitPolls => LazyInitializer.EnsureInitialized(ref _waitPolls,
        () => Meter.CreateHistogram<int>($"{Name.ToLowerInvariant()}.wait.polls", "{poll}", "Requests made by one wait for a run."));

    /// <summary>Token requests to an identity service.</summary>
    public Counter<long> TokenRefreshes => LazyInitializer.EnsureInitialized(ref _tokenRefreshes,
        () => Meter.CreateCounter<long>($"{Name.ToLowerInvariant()}.token.refreshes", "{request}", "Token requests made to the identity service."));

    /// <summary>OpenTelemetry's <c>error.type</c>: the status code of an HTTP error, else the exception type.</summary>
    public static string ErrorType(Exception exception)
        => exception is RunApiException { StatusCode: { } status } && (int)status >= 400
            ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : exception.GetType().FullName ?? exception.GetType().Name;

    private static string OperatingSystemName()
        => OperatingSystem.IsLinux() ? "Linux"
            : OperatingSystem.IsWindows() ? "Windows"
            : OperatingSystem.IsMacOS() ? "macOS"
            : OperatingSystem.IsFreeBSD() ? "FreeBSD"
            : "Other";
}

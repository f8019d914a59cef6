using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;

namespace WxO.Client.Primitives;

/// <summary>
/// The traces and metrics identity of one run-client package: an <see cref="ActivitySource"/> and a <see cref="Meter"/>
/// named after it (e.g. <c>WxO.Client</c>), the prefix of its span attributes, and the product token
/// of its User-Agent. Create one static instance per package, like HttpClient's own sources: listeners subscribe by name.
/// </summary>
public sealed class RunTelemetry
{
    private Histogram<int>? _waitPolls;
    private Counter<long>? _tokenRefreshes;

    /// <summary>Creates the identity.</summary>
    /// <param name="name">The package name, used for the ActivitySource, the Meter, metric names and the User-Agent.</param>
    /// <param name="attributePrefix">The prefix of the package's own span attributes (<c>mypkg</c> gives <c>mypkg.run.id</c>).</param>
    /// <param name="assembly">The package's assembly; its informational version is the telemetry and User-Agent version.</param>
    public RunTelemetry(string name, string attributePrefix, Assembly assembly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(attributePrefix);
        ArgumentNullException.ThrowIfNull(assembly);
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
        RunIdAttribute = $"{attributePrefix}.run.id";
        ThreadIdAttribute = $"{attributePrefix}.thread.id";
    }

    /// <summary>The core package's own identity, used for sources that have none of their own.</summary>
    internal static RunTelemetry Core { get; } = new(typeof(RunTelemetry).Assembly.GetName().Name!, "wxo", typeof(RunTelemetry).Assembly);

    /// <summary>
    /// The <c>(.NET 10.0.1; linux-x64)</c> comment of the User-Agent: the runtime and its platform as .NET names it (the
    /// runtime identifier), which tells a server's support the operating system and architecture without details.
    /// </summary>
    internal static ProductInfoHeaderValue Platform { get; } = new($"({RuntimeInformation.FrameworkDescription}; {RuntimeInformation.RuntimeIdentifier})");

    /// <summary>The package name: the ActivitySource and Meter name.</summary>
    public string Name { get; }

    /// <summary>The version reported with spans, metrics and the User-Agent.</summary>
    public string Version { get; }

    /// <summary>Prefix of the package's own span attributes (<c>mypkg.run.id</c>, <c>mypkg.thread.id</c>).</summary>
    public string AttributePrefix { get; }

    internal string RunIdAttribute { get; }

    internal string ThreadIdAttribute { get; }

    internal ActivitySource Source { get; }

    internal Meter Meter { get; }

    internal Histogram<double> RequestDuration { get; }

    internal Counter<long> Retries { get; }

    internal ProductInfoHeaderValue Product { get; }

    /// <summary>Polls per wait; created on first use so only a package whose runs are waited on publishes it.</summary>
    internal Histogram<int> WaitPolls => LazyInitializer.EnsureInitialized(ref _waitPolls,
        () => Meter.CreateHistogram<int>($"{Name.ToLowerInvariant()}.wait.polls", "{poll}", "Requests made by one wait for a run."));

    /// <summary>Token requests to an identity service; created on first use.</summary>
    internal Counter<long> TokenRefreshes => LazyInitializer.EnsureInitialized(ref _tokenRefreshes,
        () => Meter.CreateCounter<long>($"{Name.ToLowerInvariant()}.token.refreshes", "{request}", "Token requests made to the identity service."));

    /// <summary>OpenTelemetry's <c>error.type</c>: the status code of an HTTP error, else the exception type.</summary>
    internal static string ErrorType(Exception exception)
        => exception is RunApiException { StatusCode: { } status } && (int)status >= 400
            ? ((int)status).ToString(CultureInfo.InvariantCulture)
            : exception.GetType().FullName ?? exception.GetType().Name;

    /// <inheritdoc />
    public override string ToString() => $"{Name}/{Version}";
}

using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Diagnostics;

/// <summary>
/// What a package's telemetry identity publishes: the names, units and descriptions of its instruments (what dashboards
/// and alerts are built on), its span attribute names, version and User-Agent product.
/// </summary>
public sealed class RunTelemetryTests
{
    [Fact]
    public void Instruments_are_named_after_the_package_with_units_and_descriptions()
    {
        // A fresh name so that no other test's meter is seen.
        var name = $"Acme.Runs{Guid.NewGuid():N}";
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == name)
                {
                    lock (published)
                    {
                        published.Add(instrument);
                    }
                }
            },
        };
        listener.Start();

        var telemetry = new RunTelemetry(name, "acme", typeof(RunTelemetry).Assembly);
        Assert.Equal(2, published.Count);
        _ = telemetry.WaitPolls;
        _ = telemetry.TokenRefreshes;
        Assert.Same(telemetry.WaitPolls, telemetry.WaitPolls);

        var prefix = name.ToLowerInvariant();
        Assert.Equal(
            [
                $"{prefix}.request.duration|s|Duration of client calls, retries and waits between them included.",
                $"{prefix}.request.retries|{{retry}}|Requests retried by the resilience pipeline.",
                $"{prefix}.wait.polls|{{poll}}|Requests made by one wait for a run.",
                $"{prefix}.token.refreshes|{{request}}|Token requests made to the identity service.",
            ],
            published.Select(i => $"{i.Name}|{i.Unit}|{i.Description}"));
        Assert.Equal(telemetry.Version, published[0].Meter.Version);
        Assert.Equal(name, telemetry.Source.Name);
        Assert.Equal(telemetry.Version, telemetry.Source.Version);
    }

    [Fact]
    public void Span_attributes_use_the_prefix_and_the_product_is_name_and_version()
    {
        var telemetry = new RunTelemetry("Acme.Runs", "acme", typeof(RunTelemetry).Assembly);

        Assert.Equal("Acme.Runs", telemetry.Name);
        Assert.Equal("acme", telemetry.AttributePrefix);
        Assert.Equal("acme.run.id", telemetry.RunIdAttribute);
        Assert.Equal("acme.thread.id", telemetry.ThreadIdAttribute);
        Assert.Equal($"Acme.Runs/{telemetry.Version}", telemetry.Product.ToString());
        Assert.Equal($"Acme.Runs/{telemetry.Version}", telemetry.ToString());
    }

    [Fact]
    public void The_version_is_the_informational_version_without_the_commit()
    {
        var informational = typeof(RunTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(informational.Split('+')[0], new RunTelemetry("Acme.Runs", "acme", typeof(RunTelemetry).Assembly).Version);

        // An assembly without an informational version (a dynamic one here) reports 0.0.0.
        var bare = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Bare"), AssemblyBuilderAccess.Run);
        Assert.Equal("0.0.0", new RunTelemetry("Acme.Runs", "acme", bare).Version);
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        var assembly = typeof(RunTelemetry).Assembly;
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new RunTelemetry(" ", "acme", assembly)).ParamName);
        Assert.Equal("attributePrefix", Assert.Throws<ArgumentException>(() => new RunTelemetry("Acme", "", assembly)).ParamName);
        Assert.Equal("assembly", Assert.Throws<ArgumentNullException>(() => new RunTelemetry("Acme", "acme", null!)).ParamName);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "400")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "503")]
    [InlineData(HttpStatusCode.NotModified, "WxO.Client.RunApiException")]
    [InlineData(null, "WxO.Client.RunApiException")]
    public void Error_type_is_the_status_of_an_HTTP_error_else_the_exception_type(HttpStatusCode? status, string expected)
        => Assert.Equal(expected, RunTelemetry.ErrorType(new RunApiException("x") { StatusCode = status }));

    [Fact]
    public void Error_type_of_other_exceptions_is_their_full_type_name()
        => Assert.Equal("System.TimeoutException", RunTelemetry.ErrorType(new TimeoutException()));

    [Fact]
    public void The_platform_comment_names_the_runtime_and_the_runtime_identifier()
        => Assert.Equal($"({RuntimeInformation.FrameworkDescription}; {RuntimeInformation.RuntimeIdentifier})", RunTelemetry.Platform.Comment);
}

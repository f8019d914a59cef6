namespace WxO.Client.Primitives;

/// <summary>
/// A run source that reports under its own <see cref="RunTelemetry"/>: waits on its runs
/// (<see cref="RunSourceExtensions.WaitForCompletionAsync"/>) are then spans and metrics of that package, not of the core.
/// </summary>
internal interface IInstrumentedRunSource : IRunSource
{
    /// <summary>The telemetry identity of the package the source belongs to.</summary>
    RunTelemetry Telemetry { get; }
}

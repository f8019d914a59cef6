using Microsoft.Extensions.Logging;

namespace WxO.Client.Diagnostics;

/// <summary>What a client call is, for its span, metrics and log line. One static instance per endpoint.</summary>
internal sealed record RunOperation(RunTelemetry Telemetry, string Name, string UrlTemplate, string Method = "GET");

/// <summary>One call: the operation, where it goes, and which run it reads.</summary>
internal readonly record struct RunCall(RunOperation Operation, ILogger Logger, Uri? Server, string? RunId = null, string? ThreadId = null);

using System.Text.Json.Serialization;
using Refit;

namespace SharedSource;

/// <summary>
/// Refit settings of the generated clients. Linked source, compiled into each vendor package (Refit stays out of the
/// core and out of every public API).
/// </summary>
internal static class RefitDefaults
{
    /// <summary>
    /// Settings bound to a package's source-generated JSON context (never Refit's camelCase defaults), with transport
    /// errors passed through untouched (Refit would otherwise wrap them in its own exception type), and request bodies
    /// buffered: they are sent with a Content-Length, as IBM's ADK sends them, not chunked (a gateway or proxy that refuses
    /// chunked requests would refuse every run); a run's body is small.
    /// </summary>
    public static RefitSettings For(JsonSerializerContext context)
    {
        var settings = RefitSettings.ForJsonContext(context);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        settings.Buffered = true;
        return settings;
    }
}

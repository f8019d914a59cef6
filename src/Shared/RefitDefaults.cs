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
    /// Settings bound to a package's source-generated JSON context (never Refit's camelCase defaults), and
    /// with transport errors passed through untouched: Refit would otherwise wrap them in its own exception type.
    /// </summary>
    public static RefitSettings For(JsonSerializerContext context)
    {
        var settings = RefitSettings.ForJsonContext(context);
        settings.TransportExceptionFactory = (_, exception, _) => exception;
        return settings;
    }
}

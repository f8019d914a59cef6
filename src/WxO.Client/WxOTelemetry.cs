using WxO.Client.Primitives;

namespace WxO.Client;

/// <summary>WxO.Client's ActivitySource and Meter, both named <c>WxO.Client</c>; attributes <c>wxo.*</c>.</summary>
internal static class WxOTelemetry
{
    public static RunTelemetry Instance { get; } = new("WxO.Client", "wxo", typeof(WxOTelemetry).Assembly);
}

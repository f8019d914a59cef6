using WireMock.Logging;
using WireMock.Server;

namespace WxO.Client.Testing;

/// <summary>Reads what a WireMock server really received.</summary>
internal static class WireMockLog
{
    public static string Header(this ILogEntry entry, string name) => entry.RequestMessage!.Headers![name].Single();

    /// <summary>The path as sent on the wire, still escaped (WireMock's own Path is decoded).</summary>
    public static string RawPath(this ILogEntry entry) => new Uri(entry.RequestMessage!.Url).AbsolutePath;

    public static string RawQuery(this ILogEntry entry) => new Uri(entry.RequestMessage!.Url).Query;

    public static int RequestCount(this WireMockServer server) => server.LogEntries.Count();
}

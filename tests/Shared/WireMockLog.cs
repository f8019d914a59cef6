using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
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

    /// <summary>Answers requests to <paramref name="path"/> with <paramref name="responses"/> in order; the last one repeats.</summary>
    public static void GivenSequence(this WireMockServer server, string path, params IResponseBuilder[] responses)
    {
        for (var i = 0; i < responses.Length; i++)
        {
            var request = server.Given(Request.Create().WithPath(path)).InScenario(path);
            request = i == 0 ? request : request.WhenStateIs($"{path}#{i}");
            (i == responses.Length - 1 ? request : request.WillSetStateTo($"{path}#{i + 1}")).RespondWith(responses[i]);
        }
    }

    /// <summary>Asserts each request's body went with a Content-Length of its size, not chunked.</summary>
    public static void AssertSentWithContentLength(this WireMockServer server, int requests)
    {
        Xunit.Assert.Equal(requests, server.RequestCount());
        Xunit.Assert.All(server.LogEntries, entry =>
        {
            var sent = entry.RequestMessage!;
            Xunit.Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(sent.Body!).ToString(System.Globalization.CultureInfo.InvariantCulture), entry.Header("Content-Length"));
            Xunit.Assert.False(sent.Headers!.ContainsKey("Transfer-Encoding"), $"{sent.Path} was sent chunked");
        });
    }
}

namespace WxO.Client.Tests;

internal static class Payloads
{
    public static string Run(string id, string status = "completed", string extra = "")
        => $$"""
        {"id":"{{id}}","thread_id":"7d1c2f8e-0000-4000-8000-000000000001","assistant_id":"0f3c2a11-0000-4000-8000-000000000002",
         "status":"{{status}}","created_at":"2026-11-23T02:15:43.191Z","started_at":"2026-11-23T02:15:44Z"{{extra}}}
        """;

    public static string Page(IEnumerable<string> ids, long total, int limit, int offset)
        => $$"""{"total":{{total}},"limit":{{limit}},"offset":{{offset}},"data":[{{string.Join(",", ids.Select(id => Run(id)))}}]}""";
}

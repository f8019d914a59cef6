namespace WxO.Client.Primitives;

/// <summary>
/// One endpoint of a run API, as it appears in traces, metrics and logs: a name (<c>GetRun</c>), the HTTP method and the
/// URL template (<c>/v1/runs/{run_id}</c>, never a real id). Create one static instance per endpoint.
/// </summary>
/// <param name="Name">The operation name, used as the span name and the <c>operation</c> metric tag.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="UrlTemplate">The path template, for <c>url.template</c>.</param>
public sealed record RunEndpoint(string Name, string Method, string UrlTemplate)
{
    /// <summary>
    /// What a 404 of this endpoint is missing when the server's message does not say: the last id of the template
    /// (<c>{thread_id}</c> gives <c>thread</c>); null for a template without one.
    /// </summary>
    internal string? NotFoundResource { get; } = LastIdOf(UrlTemplate);

    private static string? LastIdOf(string? template)
    {
        var end = template?.LastIndexOf("_id}", StringComparison.Ordinal) ?? -1;
        var start = end < 0 ? -1 : template!.LastIndexOf('{', end);
        return start < 0 ? null : template![(start + 1)..end];
    }
}

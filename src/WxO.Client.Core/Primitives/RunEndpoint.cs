namespace WxO.Client.Primitives;

/// <summary>
/// One endpoint of a run API, as it appears in traces, metrics and logs: a name (<c>GetRun</c>), the HTTP method and the
/// URL template (<c>/v1/runs/{run_id}</c>, never a real id). Create one static instance per endpoint.
/// </summary>
/// <param name="Name">The operation name, used as the span name and the <c>operation</c> metric tag.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="UrlTemplate">The path template, for <c>url.template</c>.</param>
public sealed record RunEndpoint(string Name, string Method, string UrlTemplate);

using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Testing;

namespace LangGraph.Client.Tests;

internal static class LangGraphTestClient
{
    /// <summary>A LangGraph client from the real DI registration, with fast retries and no key read from the environment.</summary>
    public static TestHost<ILangGraphRunsClient> Create(Uri baseAddress, Action<LangGraphClientOptions>? configure = null)
        => new(services => services.AddLangGraphClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.ReadApiKeyFromEnvironment = false;
            TestHost<ILangGraphRunsClient>.FastRetries(o);
            configure?.Invoke(o);
        }));

    public static string Run(Guid threadId, Guid runId, string status = "success", string extra = "")
        => $$"""
        {"run_id":"{{runId}}","thread_id":"{{threadId}}","assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca",
         "created_at":"2026-11-23T02:15:43.191Z","updated_at":"2026-11-23T02:15:45.5Z","status":"{{status}}",
         "metadata":{"graph_id":"agent"},"kwargs":{"input":{"mode":"quick"},"stream_mode":["values"]},
         "multitask_strategy":"reject"{{extra}}}
        """;
}

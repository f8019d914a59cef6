using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Testing;

namespace LangGraph.Client.Tests;

internal static class LangGraphTestClient
{
    /// <summary>The thread and run of the run captured from a real server, which the scripted answers reuse.</summary>
    public static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");

    /// <inheritdoc cref="ThreadId"/>
    public static readonly Guid RunId = Guid.Parse("2e980c71-3342-4616-a3f9-e388ad7e8dc8");

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

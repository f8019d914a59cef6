using WxO.Client.Tests;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LangGraph.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace WxO.Client.Core.Tests.Reliability;

/// <summary>
/// Random and mutated run JSON (AssistantRun and ThreadRun) through the whole client, in-memory transport: the answer
/// is a model or a <see cref="RunApiException"/>, never anything else, and never a hang.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly Guid ThreadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");
    private static readonly Guid RunId = Guid.Parse("2e980c71-3342-4616-a3f9-e388ad7e8dc8");
    private readonly FuzzHandler _handler = new();
    private readonly ServiceProvider _provider;
    private readonly IWxORunsClient _client;
    private readonly ILangGraphRunsClient _langGraph;

    public FuzzTests()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri("https://wxo.example.com/api");
            o.BearerToken = "t";
            o.Resilience.MaxRetryAttempts = 0;
        }).HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => _handler);
        services.AddLangGraphClient(o =>
        {
            o.BaseAddress = new Uri("https://langgraph.example.com");
            o.ReadApiKeyFromEnvironment = false;
            o.Resilience.MaxRetryAttempts = 0;
        }).HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => _handler);
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IWxORunsClient>();
        _langGraph = _provider.GetRequiredService<ILangGraphRunsClient>();
    }

    public void Dispose() => _provider.Dispose();

    private static readonly string Valid = Payloads.Run("r1", "running", """, "llm_params":{"stop_sequences":"[\" and \"]","random_seed":4294967295,"typical_p":0.5}, "guardrails":{"pii":{"mask":{"remove_entity_value":true}}}, "usage":{"n":[1,2,{"x":null}]}""");

    private static readonly string ValidThreadRun = $$"""
        {"run_id":"{{RunId}}","thread_id":"{{ThreadId}}","assistant_id":"fe096781-5601-53d2-b2f6-0d3403f7e9ca","created_at":"2026-11-23T10:15:43.123456+08:00","updated_at":"2026-11-23T02:58:24.454Z","status":"success","metadata":{"graph_id":"agent"},"kwargs":{"input":{"mode":"quick"},"stream_mode":["values"]},"multitask_strategy":"reject","langsmith_session_name":"s"}
        """;

    private bool AnswersWithAModelOrRunApiException(string body) => Answers(body, async () => (await _client.GetRunAsync("r1")).Id is not null);

    private bool ThreadRunAnswersWithAModelOrRunApiException(string body)
        => Answers(body, async () => (await _langGraph.GetThreadRunAsync(ThreadId, RunId)).RunId != Guid.Empty);

    private bool Answers(string body, Func<Task<bool>> call)
    {
        _handler.Body = body;
        try
        {
            return call().WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        }
        catch (RunApiException)
        {
            return true;
        }
    }

    /// <summary>Deletes, inserts, replaces or duplicates characters of a valid document.</summary>
    private static Gen<string> Mutations(string valid)
        => from edits in Gen.ListOf(Gen.Choose(0, 3).Zip(Gen.Choose(0, valid.Length - 1)).Zip(Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', 'e', 'n', ' ', '\u00e9', '\u0000')))
           select Apply(valid, edits);

    private static string Apply(string valid, IEnumerable<((int Kind, int At), char Char)> edits)
    {
        var text = new StringBuilder(valid);
        foreach (var ((kind, at), c) in edits)
        {
            var i = Math.Min(at, Math.Max(0, text.Length - 1));
            switch (kind)
            {
                case 0 when text.Length > 0: text.Remove(i, 1); break;
                case 1: text.Insert(i, c); break;
                case 2 when text.Length > 0: text[i] = c; break;
                default: text.Insert(i, text.ToString(i, Math.Min(8, text.Length - i))); break;
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Mutated_run_json_is_a_model_or_RunApiException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400).WithReplay(1234UL, 5679UL),
            Prop.ForAll(Mutations(Valid).ToArbitrary(), AnswersWithAModelOrRunApiException));
    }

    [Fact]
    public void Mutated_thread_run_json_is_a_model_or_RunApiException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400).WithReplay(4321UL, 8765UL),
            Prop.ForAll(Mutations(ValidThreadRun).ToArbitrary(), ThreadRunAnswersWithAModelOrRunApiException));
    }

    [Fact]
    public void Random_text_is_a_model_or_RunApiException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(42UL, 7UL),
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => AnswersWithAModelOrRunApiException(s ?? string.Empty)
                && ThreadRunAnswersWithAModelOrRunApiException(s ?? string.Empty)));
    }

    [Fact]
    public async Task The_valid_documents_themselves_read()
    {
        _handler.Body = Valid;
        Assert.Equal("running", (await _client.GetRunAsync("r1")).Status!.Value.Value);
        _handler.Body = ValidThreadRun;
        Assert.Equal("s", (await _langGraph.GetThreadRunAsync(ThreadId, RunId)).LangSmithSessionName);
    }

    private sealed class FuzzHandler : HttpMessageHandler
    {
        public string Body { get; set; } = "{}";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(Body, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            });
    }
}

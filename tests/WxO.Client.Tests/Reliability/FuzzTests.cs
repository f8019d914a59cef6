using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace WxO.Client.Tests.Reliability;

/// <summary>
/// Random and mutated run JSON through the whole client (in-memory transport): the answer is a model or a
/// <see cref="RunApiException"/>, never anything else, and never a hang.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly FuzzHandler _handler = new();
    private readonly ServiceProvider _provider;
    private readonly IWxORunsClient _client;

    public FuzzTests()
    {
        var services = new ServiceCollection();
        services.AddWxOClient(o =>
        {
            o.BaseAddress = new Uri("https://wxo.example.com/api");
            o.BearerToken = "t";
            o.Resilience.MaxRetryAttempts = 0;
        }).HttpClientBuilder.ConfigurePrimaryHttpMessageHandler(() => _handler);
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<IWxORunsClient>();
    }

    public void Dispose() => _provider.Dispose();

    private static readonly string Valid = Payloads.Run("r1", "running", """, "llm_params":{"stop_sequences":"[\" and \"]","random_seed":4294967295,"typical_p":0.5}, "guardrails":{"pii":{"mask":{"remove_entity_value":true}}}, "usage":{"n":[1,2,{"x":null}]}""");

    private bool AnswersWithAModelOrRunApiException(string body)
    {
        _handler.Body = body;
        try
        {
            var run = _client.GetRunAsync("r1").WaitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            return run.Id is not null;
        }
        catch (RunApiException)
        {
            return true;
        }
    }

    /// <summary>Deletes, inserts, replaces or duplicates characters of the valid document.</summary>
    private static Gen<string> Mutations()
        => from edits in Gen.ListOf(Gen.Choose(0, 3).Zip(Gen.Choose(0, Valid.Length - 1)).Zip(Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', 'e', 'n', ' ', '\u00e9', '\u0000')))
           select Apply(edits);

    private static string Apply(IEnumerable<((int Kind, int At), char Char)> edits)
    {
        var text = new StringBuilder(Valid);
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
            Prop.ForAll(Mutations().ToArbitrary(), AnswersWithAModelOrRunApiException));
    }

    [Fact]
    public void Random_text_is_a_model_or_RunApiException()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(42UL, 7UL),
            Prop.ForAll(ArbMap.Default.ArbFor<string>(), s => AnswersWithAModelOrRunApiException(s ?? string.Empty)));
    }

    [Fact]
    public async Task The_valid_document_itself_reads()
    {
        Assert.True(AnswersWithAModelOrRunApiException(Valid));
        _handler.Body = Valid;
        Assert.Equal("running", (await _client.GetRunAsync("r1")).Status!.Value.Value);
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

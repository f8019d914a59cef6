using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WxO.Client.Errors;
using WxO.Client.Models;
using WxO.Client.Primitives;
using WxO.Client.Serialization;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Core.Tests.Primitives;

/// <summary>
/// The extension seam refuses a missing argument by name, before anything is sent: a vendor package built on it gets
/// an <see cref="ArgumentNullException"/> naming the parameter, not a NullReferenceException deep in a call.
/// </summary>
public sealed class ArgumentCheckTests
{
    private static readonly RunEndpoint Endpoint = new("GetThing", "GET", "/things/{id}");

    private static readonly RunClientPipeline Pipeline = new(
        RunTelemetry.Core, null, NullLogger.Instance, null, new WxOClientOptions(), TimeProvider.System, SecretRedactor.None);

    private static Task<HttpResponseMessage> NotSent(int state, CancellationToken cancellationToken)
        => throw new InvalidOperationException("nothing may be sent");

    [Fact]
    public async Task Pipeline_calls_name_the_missing_argument()
    {
        var typeInfo = WxOJsonContext.Default.AssistantRun;

        Assert.Equal("endpoint", (await Assert.ThrowsAsync<ArgumentNullException>(() => Pipeline.SendAsync(null!, 0, NotSent, typeInfo))).ParamName);
        Assert.Equal("send", (await Assert.ThrowsAsync<ArgumentNullException>(() => Pipeline.SendAsync(Endpoint, 0, null!, typeInfo))).ParamName);
        Assert.Equal("typeInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => Pipeline.SendAsync<AssistantRun, int>(Endpoint, 0, NotSent, null!))).ParamName);
        Assert.Equal("endpoint", (await Assert.ThrowsAsync<ArgumentNullException>(() => Pipeline.SendWithoutResultAsync(null!, 0, NotSent))).ParamName);
        Assert.Equal("send", (await Assert.ThrowsAsync<ArgumentNullException>(() => Pipeline.SendWithoutResultAsync(Endpoint, 0, null!))).ParamName);

        var definition = new RunStreamDefinition<int> { Open = NotSent };
        Assert.Equal("endpoint", (await Assert.ThrowsAsync<ArgumentNullException>(
            async () => await Pipeline.StreamAsync(null!, definition, 0, static e => e).GetAsyncEnumerator().MoveNextAsync())).ParamName);
        Assert.Equal("definition", (await Assert.ThrowsAsync<ArgumentNullException>(
            async () => await Pipeline.StreamAsync<int, RunStreamEvent>(Endpoint, null!, 0, static e => e).GetAsyncEnumerator().MoveNextAsync())).ParamName);
        Assert.Equal("select", (await Assert.ThrowsAsync<ArgumentNullException>(
            async () => await Pipeline.StreamAsync<int, RunStreamEvent>(Endpoint, definition, 0, null!).GetAsyncEnumerator().MoveNextAsync())).ParamName);
    }

    [Fact]
    public void Ids_become_span_tags_only_while_someone_listens_to_the_spans()
    {
        // A source of its own: no other test listens to it.
        var telemetry = new RunTelemetry("SpanTagTest", "spantag", typeof(ArgumentCheckTests).Assembly);
        var pipeline = new RunClientPipeline(telemetry, null, NullLogger.Instance, null, new WxOClientOptions(), TimeProvider.System, SecretRedactor.None);
        var id = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");

        Assert.Null(pipeline.SpanTag(id));
        using (new ActivityRecorder("SpanTagTest"))
        {
            Assert.Equal("877564c6-8cb2-4c73-a954-feb76656667e", pipeline.SpanTag(id));
            Assert.Null(pipeline.SpanTag(null));
        }

        Assert.Null(pipeline.SpanTag(id));
    }

    [Fact]
    public void Registration_names_the_missing_argument()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => RunClientRegistration.AddRunClient<WxOClientOptions, WxORunsClient>(null!, null!)).ParamName);
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddRunClient<WxOClientOptions, WxORunsClient>(null!)).ParamName);
        Assert.Equal("register", Assert.Throws<ArgumentNullException>(() => RunClientRegistration.CreateStandalone<WxOClientOptions, WxORunsClient>(null!, null!)).ParamName);
        Assert.Equal("definition", Assert.Throws<ArgumentNullException>(() => RunClientRegistration.CreateStandalone<WxOClientOptions, WxORunsClient>(_ => { }, null!)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => new BareClient(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new ServiceCollection().AddRunClient(WxORunsClient.Definition, " ")).ParamName);
    }

    [Fact]
    public async Task A_sign_in_request_names_the_missing_argument()
    {
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var signIn = new RunSignInContext(services.GetRequiredService<IHttpClientFactory>(), "sign-in", null, SecretRedactor.None,
            TimeProvider.System, RunTelemetry.Core, services);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:1/token");

        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => signIn.SendAsync(null!, WxOJsonContext.Default.AssistantRun))).ParamName);
        Assert.Equal("typeInfo", (await Assert.ThrowsAsync<ArgumentNullException>(() => signIn.SendAsync<AssistantRun>(request, null!))).ParamName);
    }

    [Fact]
    public void Validators_name_the_missing_argument()
    {
        var validator = new BareValidator();
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => validator.Validate(null, null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => validator.CallValidate(null!, [])).ParamName);
        Assert.Equal("failures", Assert.Throws<ArgumentNullException>(() => validator.CallValidate(new WxOClientOptions(), null!)).ParamName);
        Assert.Equal("section", Assert.Throws<ArgumentNullException>(() => validator.CallValidate(new WxOClientOptions(), [], null!)).ParamName);
    }

    private sealed class BareClient(RunClientContext context) : RunClient(context)
    {
        

        public override Task<RunSnapshot> GetRunSnapshotAsync(RunReference run, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();
    }

    private sealed class BareValidator : RunClientOptionsValidator<WxOClientOptions>
    {
        protected override string SectionName => "Bare";

        protected override string ExampleBaseAddress => "https://example.com";

        public void CallValidate(WxOClientOptions options, List<string> failures, string? section = "Bare") => Validate(options, section!, failures);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Samples.AspNetCore;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>The ASP.NET Core sample exactly as cloned: no server configured, so it answers from the embedded sandbox.</summary>
public sealed class AspNetCoreSandboxTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _app = SampleApp.Build(["--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Runs_run_by_id_and_health_answer_out_of_the_box()
    {
        var page = await _http.GetFromJsonAsync<JsonElement>("/runs");
        Assert.Equal(6, page.GetProperty("data").GetArrayLength());

        using var known = await _http.GetAsync("/runs/3c90c3cc-0d44-4b50-8888-8dd25736052a");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);

        using var unknown = await _http.GetAsync("/runs/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        Assert.Equal("Healthy", await _http.GetStringAsync("/health"));
    }
}

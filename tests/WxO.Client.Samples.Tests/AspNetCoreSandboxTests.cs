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
    private SampleHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SampleHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Runs_run_by_id_and_health_answer_out_of_the_box()
    {
        var page = await _host.Http.GetFromJsonAsync<JsonElement>("/runs");
        Assert.Equal(6, page.GetProperty("data").GetArrayLength());

        using var known = await _host.Http.GetAsync("/runs/3c90c3cc-0d44-4b50-8888-8dd25736052a");
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);

        using var unknown = await _host.Http.GetAsync("/runs/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        Assert.Equal("Healthy", await _host.Http.GetStringAsync("/health"));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Samples.AspNetCore;
using WxO.Client.Samples;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>The ASP.NET Core sample on a free loopback port, configured to read the console sample's sandbox.</summary>
public sealed class AspNetCoreSampleTests : IAsyncLifetime
{
    private readonly Sandbox _sandbox = Sandbox.Start();
    private SampleHost _host = null!;

    private HttpClient Http => _host.Http;

    public async ValueTask InitializeAsync()
        => _host = await SampleHost.StartAsync(new Dictionary<string, string?>
        {
            ["WxO:BaseAddress"] = _sandbox.WxOUrl,
            ["WxO:BearerToken"] = Sandbox.Token,
            ["LangGraph:BaseAddress"] = _sandbox.LangGraphUrl,
            ["LangGraph:ReadApiKeyFromEnvironment"] = "false",
        });

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task Runs_lists_a_page_from_the_configured_server()
    {
        var page = await Http.GetFromJsonAsync<JsonElement>("/runs?limit=2&offset=1");

        Assert.Equal(6, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("data").GetArrayLength());
        Assert.Equal("7a1e9b0f-2c3d-4e5f-8a9b-0c1d2e3f4a5b", page.GetProperty("data")[0].GetProperty("id").GetString());
        Assert.Equal("running", page.GetProperty("data")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Runs_by_id_returns_the_run_with_its_wire_names()
    {
        var run = await Http.GetFromJsonAsync<JsonElement>("/runs/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal("Tool 'create_ticket' returned 500", run.GetProperty("last_error").GetString());
        Assert.Equal(" and ", run.GetProperty("llm_params").GetProperty("stop_sequences")[0].GetString());
        // Fields the server did not send are left out, not written as null.
        Assert.DoesNotContain("null", run.GetRawText());
        Assert.False(run.TryGetProperty("completed_at", out _));
    }

    [Fact]
    public async Task Unknown_run_is_a_404_problem()
    {
        using var response = await Http.GetAsync("/runs/no-such-run");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Run not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_healthy_when_the_server_answers()
    {
        using var response = await Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

using WxO.Client.Errors;
using WxO.Client.Primitives;
using Xunit;

namespace WxO.Client.Core.Tests.Errors;

/// <summary>What a 404 says is missing: the server's message first, else the endpoint's path.</summary>
public sealed class NotFoundTests
{
    [Theory]
    [InlineData("Run not found", "run")]
    [InlineData("Thread with ID 30bba207-27a9-46c9-bfb9-7d60aa701ac1 not found", "thread")]
    [InlineData("No assistant found for \"nope\". Make sure the assistant ID is for a valid assistant or a valid graph ID.", "assistant")]
    [InlineData("Agent 'hr' does not exist", "agent")]
    [InlineData("RUN NOT FOUND", "run")]
    [InlineData("Thread or run not found", null)]
    [InlineData("Not Found", null)]
    [InlineData("Rerun later: the runner is busy", null)]
    [InlineData("threads and agents", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_message_names_the_one_resource_it_is_about(string? message, string? resource)
        => Assert.Equal(resource, RunErrorMapper.MissingResourceIn(message));

    [Theory]
    [InlineData("/threads/{thread_id}/runs/{run_id}", "run")]
    [InlineData("/threads/{thread_id}/runs", "thread")]
    [InlineData("/threads/{thread_id}", "thread")]
    [InlineData("/assistants/{assistant_id}/graph", "assistant")]
    [InlineData("/v1/orchestrate/runs/cancel/{run_id}", "run")]
    [InlineData("/v1/orchestrate/runs", null)]
    [InlineData("/threads/{thread}", null)]
    [InlineData("{run_id}", "run")]
    [InlineData(null, null)]
    public void An_endpoint_s_404_is_about_the_last_id_of_its_path(string? template, string? resource)
        => Assert.Equal(resource, new RunEndpoint("Op", "GET", template!).NotFoundResource);
}

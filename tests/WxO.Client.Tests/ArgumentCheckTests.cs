using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WxO.Client.Models;
using Xunit;

namespace WxO.Client.Tests;

/// <summary>Bad arguments to the WxO entry points are refused by name, before any request.</summary>
public sealed class ArgumentCheckTests
{
    [Fact]
    public void Registration_and_creation_name_the_missing_argument()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => WxOClientServiceCollectionExtensions.AddWxOClient(null!, _ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddWxOClient((Action<WxOClientOptions>)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(
            () => WxOClientServiceCollectionExtensions.AddWxOClient(null!, new ConfigurationBuilder().Build())).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddWxOClient((IConfiguration)null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => WxORunsClient.Create(null!)).ParamName);
    }

    [Fact]
    public async Task Models_name_the_missing_argument_and_a_page_without_data_is_empty()
    {
        Assert.Equal("id", Assert.Throws<ArgumentNullException>(() => WxOModelFactory.AssistantRun(null!)).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentNullException>(() => WxOModelFactory.AssistantRunIds(null!)).ParamName);
        Assert.Equal("text", Assert.Throws<ArgumentNullException>(() => RunMessage.FromUser(null!)).ParamName);
        using var client = WxORunsClient.Create(o => { o.BaseAddress = new Uri("http://127.0.0.1:1"); o.BearerToken = "t"; });
        Assert.Equal("run", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.GetRunSnapshotAsync(null!))).ParamName);

        Assert.Empty(WxOModelFactory.AssistantRunPage().Data);
        IReadOnlyList<AssistantRun> runs = [WxOModelFactory.AssistantRun("r1")];
        Assert.Same(runs, WxOModelFactory.AssistantRunPage(runs).Data);
    }

    [Theory]
    [InlineData(".", "'.' is not a valid run id. (Parameter 'runId')")]
    [InlineData("..", "'..' is not a valid run id. (Parameter 'runId')")]
    [InlineData(" ", "The run id must not be null, empty or whitespace. (Parameter 'runId')")]
    public async Task A_run_id_that_is_not_one_path_segment_is_refused(string runId, string message)
    {
        using var client = WxORunsClient.Create(o =>
        {
            o.BaseAddress = new Uri("https://api.us-south.watson-orchestrate.cloud.ibm.com/instances/abc");
            o.BearerToken = "token-value";
        });

        Assert.Equal(message, (await Assert.ThrowsAsync<ArgumentException>(() => client.GetRunAsync(runId))).Message);
        // A blank id cannot make a reference at all; "." and ".." make one that the client refuses.
        var refused = runId.Trim().Length == 0
            ? Assert.Throws<ArgumentException>(() => new RunReference(runId))
            : await Assert.ThrowsAsync<ArgumentException>(() => client.GetRunSnapshotAsync(new RunReference(runId)));
        Assert.Equal(runId.Trim().Length == 0 ? "runId" : "run", refused.ParamName);
    }
}

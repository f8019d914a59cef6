using Xunit;

namespace WxO.Client.Core.Tests.Runs;

public sealed class RunReferenceTests
{
    [Fact]
    public void A_reference_is_made_from_text_or_from_guids_and_both_are_equal()
    {
        var runId = Guid.Parse("2e980c71-3342-4616-a3f9-e388ad7e8dc8");
        var threadId = Guid.Parse("877564c6-8cb2-4c73-a954-feb76656667e");

        var fromGuids = new RunReference(runId, threadId);
        var fromText = new RunReference("2e980c71-3342-4616-a3f9-e388ad7e8dc8", "877564c6-8cb2-4c73-a954-feb76656667e");

        Assert.Equal(("2e980c71-3342-4616-a3f9-e388ad7e8dc8", "877564c6-8cb2-4c73-a954-feb76656667e"), (fromGuids.RunId, fromGuids.ThreadId));
        Assert.Equal(fromText, fromGuids);
        Assert.Equal(("r1", null), (new RunReference("r1").RunId, new RunReference("r1").ThreadId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_run_id_is_refused_when_the_reference_is_made(string? runId)
    {
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => new RunReference(runId!)).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => new RunReference(runId!, "t1")).ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void An_empty_thread_id_is_refused_but_none_is_allowed(string threadId)
    {
        Assert.Equal("threadId", Assert.Throws<ArgumentException>(() => new RunReference("r1", threadId)).ParamName);
        Assert.Null(new RunReference("r1", null).ThreadId);
    }

    [Fact]
    public void An_empty_guid_is_refused()
    {
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => new RunReference(Guid.Empty, Guid.NewGuid())).ParamName);
        Assert.Equal("threadId", Assert.Throws<ArgumentException>(() => new RunReference(Guid.NewGuid(), Guid.Empty)).ParamName);
    }
}

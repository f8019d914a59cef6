using System.Reflection;
using System.Text.RegularExpressions;
using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Models;

/// <summary>The run-event names the vendor's own pages list (they differ between pages) are all known values.</summary>
public sealed partial class RunEventSpecTests
{
    /// <summary>The "Available options:" lists of a rendered page: lines of event names, comma-separated.</summary>
    private static HashSet<string> EventNames(string page)
        => [.. EventName().Matches(File.ReadAllText(TestPaths.Spec(page))).Select(m => m.Value)];

    [GeneratedRegex(@"\b(run|message|flow)\.[a-z.]+\b|\b(transcription|summary|error|done|planning)\b(?=,|\s*$)", RegexOptions.Multiline)]
    private static partial Regex EventName();

    [Fact]
    public void Every_event_name_on_the_events_and_stream_pages_has_a_static_property()
    {
        var documented = EventNames("wxo-run-events.page.txt");
        documented.UnionWith(EventNames("wxo-create-run-stream.page.txt"));
        var known = typeof(AssistantRunEventType).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(AssistantRunEventType))
            .Select(p => p.GetValue(null)!.ToString()).ToHashSet();

        Assert.Contains("flow.slot.listen", documented);   // only on the events page
        Assert.Contains("run.step.thinking", documented);
        Assert.True(documented.Count >= 21, string.Join(", ", documented));
        Assert.Empty(documented.Except(known));
    }

    [Fact]
    public void The_cancel_page_posts_to_runs_cancel_run_id()
        => Assert.Contains("/v1/orchestrate/runs/cancel/{run_id}", File.ReadAllText(TestPaths.Spec("wxo-cancel-run.page.txt")));
}

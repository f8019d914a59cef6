using WxO.Client.Models;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Models;

/// <summary>
/// The string-valued enums (a server may send values newer than the SDK): equal ignoring case, usable as dictionary keys
/// in any case, printed as their value; the default value (no string) neither throws nor prints "null".
/// </summary>
public sealed class ExtensibleEnumTests
{
    [Fact]
    public void Run_statuses_compare_and_hash_ignoring_case() => Check(AssistantRunStatus.Running, new AssistantRunStatus("RUNNING"), "running");

    [Fact]
    public void Decoding_methods_compare_and_hash_ignoring_case() => Check(DecodingMethod.Greedy, new DecodingMethod("Greedy"), "greedy");

    [Fact]
    public void Event_types_compare_and_hash_ignoring_case() => Check(AssistantRunEventType.RunStepDelta, new AssistantRunEventType("Run.Step.Delta"), "run.step.delta");

    private static void Check<T>(T known, T otherCase, string value) where T : struct
    {
        ExtensibleEnumAssert.IgnoresCase(known, otherCase);
        Assert.Equal(value, known.ToString());
    }
}

using System.Text.Json.Nodes;
using Xunit;

namespace WxO.Client.Testing;

internal static class JsonAssert
{
    /// <summary>Asserts two JSON texts hold the same data (object key order ignored, numbers compared by value).</summary>
    public static void Equivalent(string expected, string actual)
    {
        var e = JsonNode.Parse(expected);
        var a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
    }
}

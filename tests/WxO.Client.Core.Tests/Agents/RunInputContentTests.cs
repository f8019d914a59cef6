using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace WxO.Client.Core.Tests.Agents;

public sealed class RunInputContentTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("\"Book it?\"", "Book it?")]
    [InlineData("""{"question":"Q","message":"M"}""", "Q")]
    [InlineData("""{"message":"M","text":"T"}""", "M")]
    [InlineData("""{"text":"T"}""", "T")]
    [InlineData("""{"question":5}""", null)]
    [InlineData("""{"other":"x"}""", null)]
    [InlineData("[1]", null)]
    public void The_question_is_the_text_the_agent_sent(string value, string? question)
        => Assert.Equal(question, new RunInputRequestContent("i-1", Json(value)).Question);

    [Fact]
    public void An_answer_is_made_from_its_question_and_carries_its_id_and_value()
    {
        var request = new RunInputRequestContent("i-1", Json("\"Book it?\""), ["child:1"]);

        var response = request.CreateResponse(JsonValue.Create("yes"));

        Assert.Equal(("i-1", "yes"), (response.RequestId, response.Value!.GetValue<string>()));
        Assert.Equal(["child:1"], request.Namespace);
        Assert.Empty(new RunInputRequestContent("i-2", default).Namespace);
        Assert.Null(new RunInputRequestContent("i-3", default).Question);
    }
}

using WxO.Client.Errors;
using Xunit;

namespace WxO.Client.Tests;

/// <summary>Orchestrate's own error bodies: FastAPI validation lists, the identity service's errorMessage, a run's last_error.</summary>
public sealed class WxOErrorParserTests
{
    [Fact]
    public void A_FastAPI_validation_body_gives_each_error_with_its_location()
    {
        var details = WxOErrorParser.Instance.Parse(
            """{"detail":[{"loc":["body","message","content"],"msg":"Field required","type":"missing"},{"loc":["query","limit"],"msg":"too big","type":"less_than_equal"}]}""",
            "application/json");

        Assert.NotNull(details);
        Assert.Equal(
            ["body.message.content: Field required (missing)", "query.limit: too big (less_than_equal)"],
            details.Errors!.Select(e => $"{e} ({e.Type})"));
    }

    [Theory]
    // An empty list says nothing typed: its text is the message.
    [InlineData("""{"detail":[]}""", "[]", "")]
    // A loc or type of another kind than FastAPI's is left out, the error kept.
    [InlineData("""{"detail":[{"loc":"body","msg":"bad","type":5}]}""", "bad", "|bad|")]
    [InlineData("""{"detail":[{"msg":"bad","type":"missing"}]}""", "bad", "|bad|missing")]
    // An item of another shape: the whole list is the message, with no typed errors.
    [InlineData("""{"detail":[{"loc":["body"],"msg":"bad"},{"loc":[true],"msg":"odd"}]}""", """[{"loc":["body"],"msg":"bad"},{"loc":[true],"msg":"odd"}]""", "")]
    public void Odd_FastAPI_bodies_keep_what_is_usable(string body, string message, string errors)
    {
        var details = WxOErrorParser.Instance.Parse(body, "application/json");

        Assert.Equal(message, details?.Message);
        Assert.Equal(errors, string.Join(";", (details!.Errors ?? []).Select(e => $"{string.Join(".", e.Location)}|{e.Message}|{e.Type}")));
    }

    [Theory]
    [InlineData("""{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found","last_error":"L"}""", "Provided API key could not be found")]
    [InlineData("""{"errorMessage":5,"last_error":"tool crashed"}""", "tool crashed")]
    [InlineData("""{"last_error":"tool crashed"}""", "tool crashed")]
    public void The_identity_services_message_comes_before_a_runs_last_error(string body, string expected)
        => Assert.Equal(expected, WxOErrorParser.Instance.Parse(body, "application/json")?.Message);

    [Theory]
    [InlineData("""{"errorMessage":null}""")]
    [InlineData("""["errorMessage"]""")]
    [InlineData("""not json""")]
    public void Other_bodies_are_left_to_the_core(string body)
        => Assert.Null(WxOErrorParser.Instance.Parse(body, "application/json"));
}

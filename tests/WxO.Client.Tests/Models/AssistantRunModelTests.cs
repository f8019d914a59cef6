using System.Text.Json;
using WxO.Client.Models;
using WxO.Client.Serialization;
using WxO.Client.Testing;
using Xunit;

namespace WxO.Client.Tests.Models;

public sealed class AssistantRunModelTests
{
    private static AssistantRunPage ReadExample()
        => JsonSerializer.Deserialize(File.ReadAllText(TestPaths.Spec("wxo-list-runs.example.json")), WxOJsonContext.Default.AssistantRunPage)!;

    [Fact]
    public void Vendor_example_page_deserializes_with_its_quirks()
    {
        var page = ReadExample();

        Assert.Equal(123, page.Total);
        var run = Assert.Single(page.Data);
        Assert.Equal("3c90c3cc-0d44-4b50-8888-8dd25736052a", run.Id);
        Assert.Equal(AssistantRunStatus.Pending, run.Status);
        Assert.Equal(new DateTimeOffset(2023, 11, 7, 5, 31, 56, TimeSpan.Zero), run.CreatedAt);
        var llm = run.LlmParams!;
        Assert.Equal([" and "], llm.StopSequences);            // sent as the string "[\" and \"]"
        Assert.Equal(2147483648L, llm.RandomSeed);              // above int.MaxValue
        Assert.Equal(0.505, llm.TypicalP);
        Assert.Equal(DecodingMethod.Greedy, llm.DecodingMethod);
        Assert.Equal(2, llm.LengthPenalty!.StartIndex);
        Assert.Equal(2, llm.ReturnOptions!.TopNTokens);
        Assert.True(run.Guardrails!.Pii!.Mask!.RemoveEntityValue);
        Assert.Equal(123, run.Guardrails.Hap!.Input!.Threshold);
        Assert.NotNull(run.Usage);
        Assert.Empty(run.Usage);
    }

    [Fact]
    public void Vendor_example_round_trips_to_an_equal_object()
    {
        var page = ReadExample();

        var json = JsonSerializer.Serialize(page, WxOJsonContext.Default.AssistantRunPage);
        var reread = JsonSerializer.Deserialize(json, WxOJsonContext.Default.AssistantRunPage)!;

        // Records compare lists by reference, so equality is checked on the data: same JSON tree both ways,
        // and the quirky fields survive as values.
        JsonAssert.Equivalent(json, JsonSerializer.Serialize(reread, WxOJsonContext.Default.AssistantRunPage));
        var run = Assert.Single(reread.Data);
        Assert.Equal([" and "], run.LlmParams!.StopSequences);
        Assert.Equal(2147483648L, run.LlmParams.RandomSeed);
        Assert.Equal(0.505, run.LlmParams.TypicalP);
        Assert.True(run.Guardrails!.Pii!.Mask!.RemoveEntityValue);
        Assert.Equal(page.Data[0] with { LlmParams = null, Guardrails = null, Usage = null, Result = null, AdditionalParameters = null },
                     run with { LlmParams = null, Guardrails = null, Usage = null, Result = null, AdditionalParameters = null });
    }

    [Theory]
    [InlineData("""["a","b"]""", new[] { "a", "b" })]
    [InlineData("\"\\n\\nHuman:\"", new[] { "\n\nHuman:" })]
    [InlineData("\"[not json\"", new[] { "[not json" })]
    [InlineData("\"[\\\"x\\\",\\\"y\\\"]\"", new[] { "x", "y" })]
    [InlineData("\"[]\"", new string[0])]                     // an embedded empty array
    [InlineData("\" [\\\"x\\\"] \"", new[] { "x" })]             // embedded, with spaces around
    [InlineData("\"\"", new[] { "" })]                        // the empty string is one (empty) sequence
    [InlineData("\"[x\"", new[] { "[x" })]                    // looks like an array, is not
    [InlineData("\"[x]\"", new[] { "[x]" })]                  // bracketed, not JSON
    [InlineData("\"[1,2]\"", new[] { "[1,2]" })]              // an embedded array of non-strings is text
    [InlineData("\"42\"", new[] { "42" })]
    [InlineData("[]", new string[0])]
    [InlineData("null", null)]
    public void Stop_sequences_accept_array_plain_string_and_embedded_array(string wire, string[]? expected)
    {
        var p = JsonSerializer.Deserialize("{\"stop_sequences\":" + wire + "}", WxOJsonContext.Default.TextGenerationParameters)!;
        Assert.Equal(expected, p.StopSequences);
    }

    [Theory]
    [InlineData("[\"a\",1]", "Expected string items, got Number.")]
    [InlineData("[\"a\",null]", "Expected string items, got Null.")]
    [InlineData("42", "Expected a string or an array of strings, got Number.")]
    [InlineData("{}", "Expected a string or an array of strings, got StartObject.")]
    public void Stop_sequences_of_another_shape_are_a_json_error_naming_the_token(string wire, string message)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"stop_sequences\":" + wire + "}", WxOJsonContext.Default.TextGenerationParameters));

        Assert.StartsWith(message, ex.Message);
    }

    [Theory]
    [InlineData("5", "Number")]
    [InlineData("true", "True")]
    [InlineData("{}", "StartObject")]
    public void A_status_that_is_not_a_string_is_a_json_error_naming_the_token(string wire, string token)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"id":"r1","status":{{wire}}}""", WxOJsonContext.Default.AssistantRun));

        Assert.StartsWith($"Expected a string for AssistantRunStatus, got {token}.", ex.Message);
    }

    [Fact]
    public void Stop_sequences_are_written_as_an_array()
    {
        var json = JsonSerializer.Serialize(new TextGenerationParameters { StopSequences = ["\n", "x"] }, WxOJsonContext.Default.TextGenerationParameters);

        Assert.Equal("""{"stop_sequences":["\n","x"]}""", json);
    }

    [Fact]
    public void Unknown_fields_and_statuses_are_kept()
    {
        var json = Payloads.Run("r1", "queued", """, "brand_new":{"x":1}, "llm_params":{"future_knob":7}""");

        var run = JsonSerializer.Deserialize(json, WxOJsonContext.Default.AssistantRun)!;

        Assert.Equal("queued", run.Status!.Value.Value);
        Assert.NotEqual(AssistantRunStatus.Pending, run.Status);
        Assert.Equal(1, run.AdditionalProperties!["brand_new"].GetProperty("x").GetInt32());
        Assert.Equal(7, run.LlmParams!.AdditionalProperties!["future_knob"].GetInt32());
        var written = JsonSerializer.SerializeToElement(run, WxOJsonContext.Default.AssistantRun);
        Assert.Equal(1, written.GetProperty("brand_new").GetProperty("x").GetInt32());
        Assert.Equal(7, written.GetProperty("llm_params").GetProperty("future_knob").GetInt32());
        Assert.Equal("queued", written.GetProperty("status").GetString());
    }

    [Fact]
    public void Status_equality_ignores_case_and_keeps_raw_text()
    {
        AssistantRunStatus wire = "COMPLETED";
        Assert.Equal(AssistantRunStatus.Completed, wire);
        Assert.Equal(AssistantRunStatus.Completed.GetHashCode(), wire.GetHashCode());
        Assert.Equal("COMPLETED", wire.ToString());
    }

    [Fact]
    public void Validation_error_location_mixes_strings_and_integers()
    {
        const string json = """{"detail":[{"loc":["body","items",0,"name"],"msg":"Field required","type":"missing"}]}""";

        var details = WxO.Client.Errors.WxOErrorParser.Instance.Parse(json, "application/json")!;

        var error = Assert.Single(details.Errors!);
        Assert.Equal(["body", "items", "0", "name"], error.Location);
        Assert.Equal("Field required", error.Message);
        Assert.Equal("missing", error.Type);
        Assert.Equal("body.items.0.name: Field required", error.ToString());
        Assert.Equal("body.items.0.name: Field required", details.Message);
    }

    [Fact]
    public void A_run_without_an_id_is_rejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"status":"running"}""", WxOJsonContext.Default.AssistantRun));
    }
}

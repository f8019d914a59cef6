using System.Text.Json;
using System.Text.Json.Serialization;
using SharedSource;

namespace WxO.Client.Models;

/// <summary>LLM text generation parameters of a run. Numeric types are wide enough for every documented value.</summary>
/// <remarks>
/// Settable, unlike the run that carries it: you build it for <see cref="CreateRunRequest.LlmParams"/>, and setters keep
/// System.Text.Json on its fast path when a run's copy is read. Each run read gets its own copy.
/// </remarks>
public sealed record TextGenerationParameters
{
    /// <summary>Beam width (0–3).</summary>
    [JsonPropertyName("beam_width")] public int? BeamWidth { get; set; }

    /// <summary>Decoding method.</summary>
    [JsonPropertyName("decoding_method")] public DecodingMethod? DecodingMethod { get; set; }

    /// <summary>Whether the matched stop sequence is part of the output.</summary>
    [JsonPropertyName("include_stop_sequence")] public bool? IncludeStopSequence { get; set; }

    /// <summary>Length penalty.</summary>
    [JsonPropertyName("length_penalty")] public LengthPenalty? LengthPenalty { get; set; }

    /// <summary>Maximum number of new tokens.</summary>
    [JsonPropertyName("max_new_tokens")] public int? MaxNewTokens { get; set; }

    /// <summary>Minimum number of new tokens.</summary>
    [JsonPropertyName("min_new_tokens")] public int? MinNewTokens { get; set; }

    /// <summary>Random seed (1–4294967295, so wider than <see cref="int"/>).</summary>
    [JsonPropertyName("random_seed")] public long? RandomSeed { get; set; }

    /// <summary>Repetition penalty (1–2).</summary>
    [JsonPropertyName("repetition_penalty")] public double? RepetitionPenalty { get; set; }

    /// <summary>What the generation response includes.</summary>
    [JsonPropertyName("return_options")] public TextGenerationReturnOptions? ReturnOptions { get; set; }

    /// <summary>Stop sequences. Also read when a server sends them as one string (the vendor's own example does).</summary>
    [JsonPropertyName("stop_sequences")]
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IReadOnlyList<string>? StopSequences { get; set; }

    /// <summary>Sampling temperature (0–2).</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; set; }

    /// <summary>Time limit in milliseconds.</summary>
    [JsonPropertyName("time_limit")] public long? TimeLimit { get; set; }

    /// <summary>Top-k sampling (1–100).</summary>
    [JsonPropertyName("top_k")] public int? TopK { get; set; }

    /// <summary>Top-p (nucleus) sampling (0–1).</summary>
    [JsonPropertyName("top_p")] public double? TopP { get; set; }

    /// <summary>Truncate the input to this many tokens.</summary>
    [JsonPropertyName("truncate_input_tokens")] public int? TruncateInputTokens { get; set; }

    /// <summary>Typical-p sampling (0.01–1).</summary>
    [JsonPropertyName("typical_p")] public double? TypicalP { get; set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Exponential length penalty.</summary>
public sealed record LengthPenalty
{
    /// <summary>Decay factor (&gt; 1).</summary>
    [JsonPropertyName("decay_factor")] public double? DecayFactor { get; set; }

    /// <summary>Token index where the penalty starts.</summary>
    [JsonPropertyName("start_index")] public int? StartIndex { get; set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>What a text generation response includes.</summary>
public sealed record TextGenerationReturnOptions
{
    /// <summary>Include the generated tokens.</summary>
    [JsonPropertyName("generated_tokens")] public bool? GeneratedTokens { get; set; }

    /// <summary>Include the input parameters.</summary>
    [JsonPropertyName("input_parameters")] public bool? InputParameters { get; set; }

    /// <summary>Include the input text.</summary>
    [JsonPropertyName("input_text")] public bool? InputText { get; set; }

    /// <summary>Include the input tokens.</summary>
    [JsonPropertyName("input_tokens")] public bool? InputTokens { get; set; }

    /// <summary>Include token log-probabilities.</summary>
    [JsonPropertyName("token_logprobs")] public bool? TokenLogprobs { get; set; }

    /// <summary>Include token ranks.</summary>
    [JsonPropertyName("token_ranks")] public bool? TokenRanks { get; set; }

    /// <summary>Number of top candidate tokens to include (0–5).</summary>
    [JsonPropertyName("top_n_tokens")] public int? TopNTokens { get; set; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

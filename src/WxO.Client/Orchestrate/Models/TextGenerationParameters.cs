using System.Text.Json;
using System.Text.Json.Serialization;
using WxO.Client.Serialization;

namespace WxO.Client.Models;

/// <summary>LLM text generation parameters of a run. Numeric types are wide enough for every documented value.</summary>
public sealed record TextGenerationParameters
{
    /// <summary>Beam width (0–3).</summary>
    [JsonPropertyName("beam_width")] public int? BeamWidth { get; init; }

    /// <summary>Decoding method.</summary>
    [JsonPropertyName("decoding_method")] public DecodingMethod? DecodingMethod { get; init; }

    /// <summary>Whether the matched stop sequence is part of the output.</summary>
    [JsonPropertyName("include_stop_sequence")] public bool? IncludeStopSequence { get; init; }

    /// <summary>Length penalty.</summary>
    [JsonPropertyName("length_penalty")] public LengthPenalty? LengthPenalty { get; init; }

    /// <summary>Maximum number of new tokens.</summary>
    [JsonPropertyName("max_new_tokens")] public int? MaxNewTokens { get; init; }

    /// <summary>Minimum number of new tokens.</summary>
    [JsonPropertyName("min_new_tokens")] public int? MinNewTokens { get; init; }

    /// <summary>Random seed (1–4294967295, so wider than <see cref="int"/>).</summary>
    [JsonPropertyName("random_seed")] public long? RandomSeed { get; init; }

    /// <summary>Repetition penalty (1–2).</summary>
    [JsonPropertyName("repetition_penalty")] public double? RepetitionPenalty { get; init; }

    /// <summary>What the generation response includes.</summary>
    [JsonPropertyName("return_options")] public TextGenerationReturnOptions? ReturnOptions { get; init; }

    /// <summary>Stop sequences. Also read when a server sends them as one string (the vendor's own example does).</summary>
    [JsonPropertyName("stop_sequences")]
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Sampling temperature (0–2).</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }

    /// <summary>Time limit in milliseconds.</summary>
    [JsonPropertyName("time_limit")] public long? TimeLimit { get; init; }

    /// <summary>Top-k sampling (1–100).</summary>
    [JsonPropertyName("top_k")] public int? TopK { get; init; }

    /// <summary>Top-p (nucleus) sampling (0–1).</summary>
    [JsonPropertyName("top_p")] public double? TopP { get; init; }

    /// <summary>Truncate the input to this many tokens.</summary>
    [JsonPropertyName("truncate_input_tokens")] public int? TruncateInputTokens { get; init; }

    /// <summary>Typical-p sampling (0.01–1).</summary>
    [JsonPropertyName("typical_p")] public double? TypicalP { get; init; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Exponential length penalty.</summary>
public sealed record LengthPenalty
{
    /// <summary>Decay factor (&gt; 1).</summary>
    [JsonPropertyName("decay_factor")] public double? DecayFactor { get; init; }

    /// <summary>Token index where the penalty starts.</summary>
    [JsonPropertyName("start_index")] public int? StartIndex { get; init; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>What a text generation response includes.</summary>
public sealed record TextGenerationReturnOptions
{
    /// <summary>Include the generated tokens.</summary>
    [JsonPropertyName("generated_tokens")] public bool? GeneratedTokens { get; init; }

    /// <summary>Include the input parameters.</summary>
    [JsonPropertyName("input_parameters")] public bool? InputParameters { get; init; }

    /// <summary>Include the input text.</summary>
    [JsonPropertyName("input_text")] public bool? InputText { get; init; }

    /// <summary>Include the input tokens.</summary>
    [JsonPropertyName("input_tokens")] public bool? InputTokens { get; init; }

    /// <summary>Include token log-probabilities.</summary>
    [JsonPropertyName("token_logprobs")] public bool? TokenLogprobs { get; init; }

    /// <summary>Include token ranks.</summary>
    [JsonPropertyName("token_ranks")] public bool? TokenRanks { get; init; }

    /// <summary>Number of top candidate tokens to include (0–5).</summary>
    [JsonPropertyName("top_n_tokens")] public int? TopNTokens { get; init; }

    /// <summary>Fields the server sent that this version of the client does not model.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

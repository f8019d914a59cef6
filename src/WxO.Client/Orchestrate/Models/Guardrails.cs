using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>Guardrails applied to a run.</summary>
public sealed record Guardrails
{
    /// <summary>Hate, abuse and profanity filter.</summary>
    [JsonPropertyName("hap")] public Guardrail? Hap { get; init; }

    /// <summary>Social bias filter.</summary>
    [JsonPropertyName("social_bias")] public Guardrail? SocialBias { get; init; }

    /// <summary>Personally identifiable information filter.</summary>
    [JsonPropertyName("pii")] public Guardrail? Pii { get; init; }
}

/// <summary>One guardrail: how it applies to input and output, and how matches are masked.</summary>
public sealed record Guardrail
{
    /// <summary>Settings for the input.</summary>
    [JsonPropertyName("input")] public GuardrailConfig? Input { get; init; }

    /// <summary>Settings for the output.</summary>
    [JsonPropertyName("output")] public GuardrailConfig? Output { get; init; }

    /// <summary>Masking of matches.</summary>
    [JsonPropertyName("mask")] public MaskProperties? Mask { get; init; }
}

/// <summary>Guardrail settings for one direction.</summary>
public sealed record GuardrailConfig
{
    /// <summary>Whether the guardrail is on (server default false).</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }

    /// <summary>Detection threshold (server default 0.5).</summary>
    [JsonPropertyName("threshold")] public double? Threshold { get; init; }
}

/// <summary>How guardrail matches are masked.</summary>
public sealed record MaskProperties
{
    /// <summary>Remove the matched value entirely instead of masking it (server default false).</summary>
    [JsonPropertyName("remove_entity_value")] public bool? RemoveEntityValue { get; init; }
}

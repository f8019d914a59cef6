using System.Text.Json.Serialization;

namespace WxO.Client.Models;

/// <summary>Guardrails applied to a run.</summary>
/// <remarks>
/// Settable, unlike the run that carries them: you build them for <see cref="CreateRunRequest.Guardrails"/>, and setters
/// keep System.Text.Json on its fast path when a run's copy is read. Each run read gets its own copy.
/// </remarks>
public sealed record Guardrails
{
    /// <summary>Hate, abuse and profanity filter.</summary>
    [JsonPropertyName("hap")] public Guardrail? Hap { get; set; }

    /// <summary>Social bias filter.</summary>
    [JsonPropertyName("social_bias")] public Guardrail? SocialBias { get; set; }

    /// <summary>Personally identifiable information filter.</summary>
    [JsonPropertyName("pii")] public Guardrail? Pii { get; set; }
}

/// <summary>One guardrail: how it applies to input and output, and how matches are masked.</summary>
public sealed record Guardrail
{
    /// <summary>Settings for the input.</summary>
    [JsonPropertyName("input")] public GuardrailConfig? Input { get; set; }

    /// <summary>Settings for the output.</summary>
    [JsonPropertyName("output")] public GuardrailConfig? Output { get; set; }

    /// <summary>Masking of matches.</summary>
    [JsonPropertyName("mask")] public MaskProperties? Mask { get; set; }
}

/// <summary>Guardrail settings for one direction.</summary>
public sealed record GuardrailConfig
{
    /// <summary>Whether the guardrail is on (server default false).</summary>
    [JsonPropertyName("enabled")] public bool? Enabled { get; set; }

    /// <summary>Detection threshold (server default 0.5).</summary>
    [JsonPropertyName("threshold")] public double? Threshold { get; set; }
}

/// <summary>How guardrail matches are masked.</summary>
public sealed record MaskProperties
{
    /// <summary>Remove the matched value entirely instead of masking it (server default false).</summary>
    [JsonPropertyName("remove_entity_value")] public bool? RemoveEntityValue { get; set; }
}

using System.Globalization;
using System.Text.Json;
using WxO.Client;
using WxO.Client.Primitives;

namespace SharedSource;

/// <summary>
/// Reads FastAPI's validation body, <c>{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}</c>, whose <c>loc</c>
/// mixes field names (strings) and list indices (integers). Both Orchestrate and the LangGraph Python server answer 422 so.
/// Linked source, compiled into each vendor package that needs it.
/// </summary>
internal static class FastApiErrors
{
    /// <summary>The details of a body whose <c>detail</c> is an array; null for any other body.</summary>
    public static RunErrorDetails? TryRead(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var errors = new List<ValidationError>(detail.GetArrayLength());
        foreach (var item in detail.EnumerateArray())
        {
            if (Read(item) is not { } error)
            {
                // A "detail" array of some other shape: its raw text is the message, with no typed errors.
                return new RunErrorDetails(detail.GetRawText());
            }

            errors.Add(error);
        }

        return new RunErrorDetails(errors.Count > 0 ? string.Join("; ", errors) : detail.GetRawText(), errors);
    }

    private static ValidationError? Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("msg", out var msg) || msg.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var location = new List<string>();
        if (item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in loc.EnumerateArray())
            {
                switch (part.ValueKind)
                {
                    case JsonValueKind.String:
                        location.Add(part.GetString()!);
                        break;
                    case JsonValueKind.Number when part.TryGetInt64(out var index):
                        location.Add(index.ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        return null;
                }
            }
        }

        return new ValidationError
        {
            Location = location,
            Message = msg.GetString()!,
            Type = item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
        };
    }
}

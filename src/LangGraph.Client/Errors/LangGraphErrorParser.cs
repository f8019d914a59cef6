using System.Text.Json;
using SharedSource;
using WxO.Client;
using WxO.Client.Primitives;

namespace LangGraph.Client.Errors;

/// <summary>
/// The Agent Servers' error bodies: LangGraph.js answers a malformed request with a Zod error
/// (<c>{"error": {"issues": [{"path": [...], "message": ...}], "name": "ZodError"}}</c>), the Python server a FastAPI
/// validation body. Plain text (<c>Run not found</c>) and <c>{"detail": "..."}</c> are the core's common shapes.
/// </summary>
internal sealed class LangGraphErrorParser : RunErrorParser
{
    public static LangGraphErrorParser Instance { get; } = new();

    public override RunErrorDetails? Parse(string body, string? mediaType)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return FastApiErrors.TryRead(root) ?? ZodError(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A join or wait whose run failed, answered with an error status: the same <c>__error__</c> body as a 200.</summary>
    public override RunFailure? ParseRunFailure(string body, string? mediaType)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return LangGraphRunsClient.JoinFailure(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RunErrorDetails? ZodError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
            || error.TryGetProperty("message", out _))
        {
            // No error object, or one with its own message (the core's common shape reads that).
            return null;
        }

        var errors = new List<ValidationError>();
        if (error.TryGetProperty("issues", out var issues) && issues.ValueKind == JsonValueKind.Array)
        {
            foreach (var issue in issues.EnumerateArray())
            {
                if (issue.ValueKind == JsonValueKind.Object && issue.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    errors.Add(new ValidationError
                    {
                        Location = issue.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.Array
                            ? [.. path.EnumerateArray().Select(p => p.ToString())]
                            : [],
                        Message = message.GetString()!,
                        Type = issue.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null,
                    });
                }
            }
        }

        if (errors.Count > 0)
        {
            return new RunErrorDetails(string.Join("; ", errors), errors);
        }

        return error.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? new RunErrorDetails(name.GetString()) : null;
    }
}

using System.Text.Json;
using SharedSource;
using WxO.Client.Primitives;

namespace WxO.Client.Errors;

/// <summary>
/// Orchestrate's error bodies: FastAPI validation errors (<c>{"detail": [...]}</c>), IBM identity-service errors
/// (<c>{"errorCode": ..., "errorMessage": ...}</c>) and a failed run's <c>last_error</c>. Other bodies fall back to the
/// core's common shapes.
/// </summary>
internal sealed class WxOErrorParser : RunErrorParser
{
    public static WxOErrorParser Instance { get; } = new();

    public override RunErrorDetails? Parse(string body, string? mediaType)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (FastApiErrors.TryRead(root) is { } validation)
            {
                return validation;
            }

            return root.ValueKind == JsonValueKind.Object && (StringOf(root, "errorMessage") ?? StringOf(root, "last_error")) is { } message
                ? new RunErrorDetails(message)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using WxO.Client.Models;
using WxO.Client.Serialization;

namespace WxO.Client.Http;

/// <summary>
/// Turns an error answer from any run server (WxO, LangGraph.js, LangGraph Python, a gateway) into the
/// typed exceptions of the error model. The one place where error bodies are read and interpreted.
/// </summary>
internal static class RunErrorMapper
{
    /// <summary>Most text kept on the exception: enough to diagnose, bounded so a hostile body cannot bloat logs.</summary>
    internal const int MaxKeptBodyChars = 4 * 1024;

    /// <summary>Most bytes read from an error body. Larger than the kept text so a long FastAPI detail list still parses.</summary>
    private const int MaxReadBodyBytes = 64 * 1024;

    private const int MaxMessageChars = 1024;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-correlation-id", "x-global-transaction-id"];

    /// <param name="response">The error answer.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <param name="signIn">The answer of an identity service: any failure means the caller cannot sign in.</param>
    public static async Task<RunApiException> CreateAsync(HttpResponseMessage response, CancellationToken cancellationToken, bool signIn = false)
    {
        var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var (serverMessage, errors) = Interpret(body, response.Content.Headers.ContentType?.MediaType);
        var status = response.StatusCode;
        var requestId = FindRequestId(response);

        var text = new StringBuilder();
        text.Append(signIn ? "Sign-in: " : string.Empty).Append(Describe(response)).Append(" failed with ").Append((int)status);
        if (!string.IsNullOrEmpty(response.ReasonPhrase))
        {
            text.Append(' ').Append(response.ReasonPhrase);
        }

        if (!string.IsNullOrWhiteSpace(serverMessage))
        {
            text.Append(": ").Append(serverMessage);
        }

        AppendRequestId(text, requestId);

        var message = text.ToString();
        RunApiException exception = status switch
        {
            _ when signIn => new RunAuthenticationException(message),
            HttpStatusCode.NotFound => new RunNotFoundException(message),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new RunValidationException(message) { Errors = errors },
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RunAuthenticationException(message),
            _ => new RunApiException(message),
        };

        exception.ServerMessage = serverMessage;
        exception.ResponseBody = body.Length == 0 ? null : Truncate(body, MaxKeptBodyChars);
        return Fill(exception, response, requestId);
    }

    /// <summary>A success status whose body is not the expected model.</summary>
    public static RunApiException InvalidBody(HttpResponseMessage response, string typeName, string reason, Exception? inner, bool signIn = false)
    {
        var requestId = FindRequestId(response);
        var text = new StringBuilder()
            .Append(signIn ? "Sign-in: " : string.Empty)
            .Append(Describe(response)).Append(" returned ").Append((int)response.StatusCode)
            .Append(" but the body is not a valid ").Append(typeName).Append(": ").Append(reason);
        AppendRequestId(text, requestId);
        return Fill(signIn ? new RunAuthenticationException(text.ToString(), inner) : new RunApiException(text.ToString(), inner), response, requestId);
    }

    private static RunApiException Fill(RunApiException exception, HttpResponseMessage response, string? requestId)
    {
        exception.StatusCode = response.StatusCode;
        exception.RequestId = requestId;
        exception.RequestMethod = response.RequestMessage?.Method.Method;
        exception.RequestPath = response.RequestMessage?.RequestUri?.AbsolutePath;
        return exception;
    }

    private static string Describe(HttpResponseMessage response)
    {
        var request = response.RequestMessage;
        // The query string is left out: it can carry caller data that has no place in logs.
        return request is null ? "The request" : $"{request.Method.Method} {request.RequestUri?.AbsolutePath}";
    }

    private static void AppendRequestId(StringBuilder text, string? requestId)
    {
        if (requestId is not null)
        {
            text.Append(" (request id ").Append(requestId).Append(')');
        }
    }

    private static string? FindRequestId(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                var value = values.FirstOrDefault();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return Truncate(value.Trim(), 128);
                }
            }
        }

        return null;
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // Pooled: every error answer passes here, retried 503s included.
            var buffer = ArrayPool<byte>.Shared.Rent(MaxReadBodyBytes);
            try
            {
                var total = 0;
                int read;
                while (total < MaxReadBodyBytes
                    && (read = await stream.ReadAsync(buffer.AsMemory(total, MaxReadBodyBytes - total), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return Encoding.UTF8.GetString(buffer, 0, total);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Finds the human message and any FastAPI validation errors, whatever shape the body has.</summary>
    private static (string? Message, IReadOnlyList<ValidationError> Errors) Interpret(string body, string? mediaType)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return (null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return (Truncate(root.GetString()!, MaxMessageChars), []);
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.Array)
                {
                    var errors = ReadValidationErrors(body);
                    var joined = errors.Count > 0 ? string.Join("; ", errors) : detail.GetRawText();
                    return (Truncate(joined, MaxMessageChars), errors);
                }

                var message = MessageOf(root, "detail") ?? MessageOf(root, "message") ?? MessageOf(root, "errorMessage") ?? MessageOf(root, "error_description")
                    ?? MessageOf(root, "error") ?? MessageOf(root, "last_error") ?? MessageOf(root, "title");
                return (message is null ? null : Truncate(message, MaxMessageChars), []);
            }

            return (null, []);
        }
        catch (JsonException)
        {
            // Not JSON: plain text is the message (LangGraph.js answers "Run not found" as text/plain);
            // an HTML error page from a proxy is noise, so it stays only in ResponseBody.
            var isHtml = mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
                || trimmed.StartsWith("<", StringComparison.Ordinal);
            return (isHtml ? null : Truncate(trimmed.ToString(), MaxMessageChars), []);
        }
    }

    /// <summary>
    /// A message under <paramref name="name"/>: a string, or an object with <c>message</c>, or a Zod error
    /// (<c>{"issues":[{"message":…}],"name":"ZodError"}</c>) whose issue messages are joined.
    /// </summary>
    private static string? MessageOf(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Object:
                if (value.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String)
                {
                    return inner.GetString();
                }

                if (value.TryGetProperty("issues", out var issues) && issues.ValueKind == JsonValueKind.Array)
                {
                    var parts = issues.EnumerateArray()
                        .Select(DescribeIssue)
                        .Where(m => !string.IsNullOrEmpty(m));
                    var joined = string.Join("; ", parts);
                    if (joined.Length > 0)
                    {
                        return joined;
                    }
                }

                return value.TryGetProperty("name", out var errorName) && errorName.ValueKind == JsonValueKind.String
                    ? errorName.GetString()
                    : null;
            default:
                return null;
        }
    }

    private static string? DescribeIssue(JsonElement issue)
    {
        if (issue.ValueKind != JsonValueKind.Object
            || !issue.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (issue.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.Array && path.GetArrayLength() > 0)
        {
            return $"{string.Join('.', path.EnumerateArray().Select(p => p.ToString()))}: {message.GetString()}";
        }

        return message.GetString();
    }

    private static IReadOnlyList<ValidationError> ReadValidationErrors(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, WxOJsonContext.Default.HttpValidationError)?.Detail ?? [];
        }
        catch (JsonException)
        {
            // A "detail" array of some other shape: the raw text still becomes the message.
            return [];
        }
    }

    private static string Truncate(string value, int maxChars)
        => value.Length <= maxChars ? value : string.Concat(value.AsSpan(0, maxChars), "…");
}

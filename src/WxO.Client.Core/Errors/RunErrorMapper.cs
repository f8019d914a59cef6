using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using WxO.Client.Primitives;

namespace WxO.Client.Errors;

/// <summary>
/// Turns an error answer into the typed exceptions of the error model: the status code picks the type, the client's
/// <see cref="RunErrorParser"/> (else the common shapes below) finds the message. The one place error bodies are read.
/// </summary>
internal static class RunErrorMapper
{
    /// <summary>Most text kept on the exception: enough to diagnose, bounded so a hostile body cannot bloat logs.</summary>
    internal const int MaxKeptBodyChars = 4 * 1024;

    /// <summary>Most characters of a server message kept.</summary>
    internal const int MaxMessageChars = 1024;

    /// <summary>Most bytes read from an error body. Larger than the kept text so a long list of validation errors still parses.</summary>
    private const int MaxReadBodyBytes = 64 * 1024;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-correlation-id", "x-global-transaction-id"];

    /// <summary>Keys that carry the message in common JSON error bodies, most specific first.</summary>
    private static readonly string[] MessageKeys = ["detail", "message", "error_description", "error", "title"];

    /// <param name="response">The error answer.</param>
    /// <param name="parser">The vendor's body parser; null for the common shapes only.</param>
    /// <param name="secrets">Blanks the client's credentials in everything the server supplied.</param>
    /// <param name="notFoundResource">What a 404 is missing when the server's message does not say (from the endpoint's path).</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async Task<RunApiException> CreateAsync(
        HttpResponseMessage response, RunErrorParser? parser, SecretRedactor secrets, string? notFoundResource, CancellationToken cancellationToken)
    {
        // Redacted before anything reads it: a server may echo a credential anywhere in its answer.
        var body = secrets.Redact(await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false))!;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (body.AsSpan().Trim().Length > 0 && parser?.ParseRunFailure(body, mediaType) is { } failure)
        {
            return RunFailed(response.RequestMessage, response.StatusCode, failure, secrets, Truncate(body, MaxKeptBodyChars), FindRequestId(response, secrets));
        }

        var details = Interpret(body, mediaType, parser);
        var serverMessage = details?.Message is { } found ? Truncate(found, MaxMessageChars) : null;
        var status = response.StatusCode;
        var requestId = FindRequestId(response, secrets);

        var text = new StringBuilder();
        text.Append(Describe(response.RequestMessage)).Append(" failed with ").Append((int)status);
        if (!string.IsNullOrEmpty(response.ReasonPhrase))
        {
            text.Append(' ').Append(secrets.Redact(response.ReasonPhrase));
        }

        if (!string.IsNullOrWhiteSpace(serverMessage))
        {
            text.Append(": ").Append(serverMessage);
        }

        AppendRequestId(text, requestId);

        var message = text.ToString();
        RunApiException exception = status switch
        {
            HttpStatusCode.NotFound => NotFound(message, MissingResourceIn(serverMessage) ?? notFoundResource),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new RunValidationException(message) { Errors = details?.Errors ?? [] },
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RunAuthenticationException(message),
            _ => new RunApiException(message),
        };

        Fill(exception, response, requestId, serverMessage, body.Length == 0 ? null : Truncate(body, MaxKeptBodyChars));
        return exception;
    }

    /// <summary>
    /// A 404 about <paramref name="missing"/>: what the server's message names ("Thread … not found", "No assistant
    /// found"), else the last id of the endpoint's path. Only a missing run is a <see cref="RunNotFoundException"/>.
    /// </summary>
    private static ResourceNotFoundException NotFound(string message, string? missing)
        => missing == RunNotFoundException.Run ? new RunNotFoundException(message) : new ResourceNotFoundException(message) { ResourceType = missing };

    /// <summary>The kinds of resource a 404's message may name, as it names them.</summary>
    private static readonly string[] ResourceWords = ["run", "thread", "assistant", "agent"];

    /// <summary>
    /// The one kind of resource a not-found message names (as a whole word, any case), e.g. <c>thread</c> in "Thread with ID
    /// … not found"; null when it names none, or several ("Thread or run not found" says nothing the path does not).
    /// </summary>
    internal static string? MissingResourceIn(string? message)
    {
        string? named = null;
        foreach (var word in ResourceWords)
        {
            if (NamesWord(message, word))
            {
                if (named is not null)
                {
                    return null;
                }

                named = word;
            }
        }

        return named;
    }

    private static bool NamesWord(string? text, string word)
    {
        for (var at = text?.IndexOf(word, StringComparison.OrdinalIgnoreCase) ?? -1; at >= 0; at = text!.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetter(text![at - 1])) && (end == text!.Length || !char.IsLetter(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A success status whose body is not the expected model.</summary>
    public static RunApiException InvalidBody(HttpResponseMessage response, string typeName, string reason, Exception? inner)
    {
        // The request id is the only server text here; a credential is never a well-formed id, so it is not redacted.
        var requestId = FindRequestId(response, SecretRedactor.None);
        var text = new StringBuilder()
            .Append(Describe(response.RequestMessage)).Append(" returned ").Append((int)response.StatusCode)
            .Append(" but the body is not a valid ").Append(typeName).Append(": ").Append(reason);
        AppendRequestId(text, requestId);
        var exception = new RunApiException(text.ToString(), inner);
        Fill(exception, response, requestId, serverMessage: null, responseBody: null);
        return exception;
    }

    /// <summary>A run the server reports as failed inside a success answer (a join body, a stream event).</summary>
    public static RunFailedException RunFailed(HttpRequestMessage? request, HttpStatusCode? status, RunFailure failure, SecretRedactor secrets,
        string? responseBody = null, string? requestId = null)
    {
        failure = failure with { ErrorName = secrets.Redact(failure.ErrorName), Message = secrets.Redact(failure.Message) };
        var text = new StringBuilder()
            .Append(Describe(request))
            .Append(": the run ");
        if (failure.RunId is not null)
        {
            text.Append(failure.RunId).Append(' ');
        }

        text.Append("failed");
        if (failure.ErrorName is not null)
        {
            text.Append(" with ").Append(failure.ErrorName);
        }

        var message = failure.Message is null ? null : Truncate(failure.Message, MaxMessageChars);
        if (message is not null)
        {
            text.Append(": ").Append(message);
        }

        AppendRequestId(text, requestId);
        var exception = new RunFailedException(text.ToString()) { ErrorName = failure.ErrorName, RunId = failure.RunId };
        exception.SetFacts(status, message, responseBody, requestId, request?.Method.Method, request?.RequestUri?.AbsolutePath);
        return exception;
    }

    private static void Fill(RunApiException exception, HttpResponseMessage response, string? requestId, string? serverMessage, string? responseBody)
        => exception.SetFacts(response.StatusCode, serverMessage, responseBody, requestId,
            response.RequestMessage?.Method.Method, response.RequestMessage?.RequestUri?.AbsolutePath);

    /// <summary>The request line without the query string: it can carry caller data that has no place in logs.</summary>
    private static string Describe(HttpRequestMessage? request)
        => request is null ? "The request" : $"{request.Method.Method} {request.RequestUri?.AbsolutePath}";

    private static void AppendRequestId(StringBuilder text, string? requestId)
    {
        if (requestId is not null)
        {
            text.Append(" (request id ").Append(requestId).Append(')');
        }
    }

    private static string? FindRequestId(HttpResponseMessage response, SecretRedactor secrets)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                var value = values.FirstOrDefault();
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return secrets.Redact(Truncate(value.Trim(), 128));
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

    /// <summary>The vendor's reading of the body, else the common shapes; null when the body says nothing usable.</summary>
    private static RunErrorDetails? Interpret(string body, string? mediaType, RunErrorParser? parser)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        if (parser?.Parse(body, mediaType) is { } vendor)
        {
            return vendor;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.String => new RunErrorDetails(root.GetString()),
                JsonValueKind.Object => MessageOf(root) is { } message ? new RunErrorDetails(message) : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            // Not JSON: plain text is the message; an HTML error page from a proxy is noise, so it stays only in ResponseBody.
            var isHtml = mediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true
                || trimmed.StartsWith("<", StringComparison.Ordinal);
            return isHtml ? null : new RunErrorDetails(trimmed.ToString());
        }
    }

    /// <summary>The first of <see cref="MessageKeys"/> holding a string, or an object with a string <c>message</c>.</summary>
    internal static string? MessageOf(JsonElement obj)
    {
        foreach (var key in MessageKeys)
        {
            if (obj.TryGetProperty(key, out var value))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }

                if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.String)
                {
                    return inner.GetString();
                }
            }
        }

        return null;
    }

    internal static string Truncate(string value, int maxChars)
        => value.Length <= maxChars ? value : string.Concat(value.AsSpan(0, maxChars), "…");
}

namespace WxO.Client.Primitives;

/// <summary>
/// Reads one vendor's error bodies. The core reads the body (bounded), picks the exception type from the status code,
/// and asks the client's parser for the message and validation errors; a body the parser does not recognise
/// (<see langword="null"/>) falls back to the common shapes (a JSON string, <c>message</c>, <c>detail</c>, <c>error</c>,
/// <c>error_description</c>, <c>title</c>, or plain text).
/// </summary>
public abstract class RunErrorParser
{
    /// <summary>Interprets an error body.</summary>
    /// <param name="body">The start of the body as text (at most 64 KiB); never empty.</param>
    /// <param name="mediaType">The body's media type, if the server sent one.</param>
    /// <returns>The message and errors, or <see langword="null"/> when the body is not of this vendor's shapes.</returns>
    public abstract RunErrorDetails? Parse(string body, string? mediaType);

    /// <summary>
    /// Recognises an error body that reports the run itself failed (not the request): the call then ends with
    /// <see cref="RunFailedException"/>, whatever the status. The default recognises none.
    /// </summary>
    /// <param name="body">The start of the body as text (at most 64 KiB); never empty.</param>
    /// <param name="mediaType">The body's media type, if the server sent one.</param>
    public virtual RunFailure? ParseRunFailure(string body, string? mediaType) => null;
}

/// <summary>What a <see cref="RunErrorParser"/> found in an error body.</summary>
/// <param name="Message">The human-readable message, if any.</param>
/// <param name="Errors">Individual validation errors, if the body lists them.</param>
public sealed record RunErrorDetails(string? Message, IReadOnlyList<ValidationError>? Errors = null);

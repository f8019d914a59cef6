namespace WxO.Client.Primitives;

/// <summary>
/// A run failure found in a success answer (a join body, a stream event). The core turns it into a
/// <see cref="RunFailedException"/> with the request's facts.
/// </summary>
/// <param name="ErrorName">The server's name for the error, if any.</param>
/// <param name="Message">The server's message, if any.</param>
/// <param name="RunId">The run that failed, if known.</param>
public sealed record RunFailure(string? ErrorName, string? Message, string? RunId = null);

using System.Net;

namespace WxO.Client;

/// <summary>
/// The server answered with an error, or with a success body the client cannot read.
/// Carries what is needed to report the failure to the vendor; never a credential.
/// </summary>
/// <remarks>The properties can be set in an object initializer, so tests of your code can build any failure.</remarks>
public class RunApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunApiException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunApiException(string message, Exception? innerException) : base(message, innerException) { }

    private HttpStatusCode? _statusCode;
    private string? _serverMessage;
    private string? _responseBody;
    private string? _requestId;
    private string? _requestMethod;
    private string? _requestPath;

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode? StatusCode { get => _statusCode; init => _statusCode = value; }

    /// <summary>The error message the server gave, when one could be found in the body.</summary>
    public string? ServerMessage { get => _serverMessage; init => _serverMessage = value; }

    /// <summary>The start of the response body (at most 4 KiB of text), for diagnostics.</summary>
    public string? ResponseBody { get => _responseBody; init => _responseBody = value; }

    /// <summary>The server's request id (<c>x-request-id</c>, <c>x-correlation-id</c> or <c>x-global-transaction-id</c>), to quote to the vendor's support.</summary>
    public string? RequestId { get => _requestId; init => _requestId = value; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string? RequestMethod { get => _requestMethod; init => _requestMethod = value; }

    /// <summary>The path of the failed request, without its query string.</summary>
    public string? RequestPath { get => _requestPath; init => _requestPath = value; }

    /// <summary>Sets the facts of the answer after construction: the error mapper picks the type first, then fills it in.</summary>
    internal void SetFacts(HttpStatusCode? statusCode, string? serverMessage, string? responseBody, string? requestId,
        string? requestMethod, string? requestPath)
    {
        _statusCode = statusCode;
        _serverMessage = serverMessage;
        _responseBody = responseBody;
        _requestId = requestId;
        _requestMethod = requestMethod;
        _requestPath = requestPath;
    }

    /// <summary>Copies the facts of <paramref name="other"/>, when a failure is re-typed (a sign-in failure becomes an authentication one).</summary>
    internal void CopyFactsFrom(RunApiException other)
        => SetFacts(other.StatusCode, other.ServerMessage, other.ResponseBody, other.RequestId, other.RequestMethod, other.RequestPath);
}

/// <summary>
/// The server does not know something the request named (HTTP 404): <see cref="ResourceType"/> says what, as the server's
/// message says it or else as the request's path does (the last id in it). A missing run is a <see cref="RunNotFoundException"/>.
/// </summary>
public class ResourceNotFoundException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public ResourceNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ResourceNotFoundException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>
    /// What is missing: <c>run</c>, <c>thread</c>, <c>assistant</c>, <c>agent</c>, or another kind a server names; null when
    /// neither the server's message nor the request's path tells (e.g. a wrong base address).
    /// </summary>
    public string? ResourceType { get; init; }
}

/// <summary>The server does not know the run (HTTP 404 for a run).</summary>
public class RunNotFoundException : ResourceNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public RunNotFoundException(string message) : base(message) => ResourceType = Run;

    /// <summary>Creates the exception with its cause.</summary>
    public RunNotFoundException(string message, Exception? innerException) : base(message, innerException) => ResourceType = Run;

    /// <summary>The <see cref="ResourceNotFoundException.ResourceType"/> of a run.</summary>
    internal const string Run = "run";
}

/// <summary>The server rejected the request as invalid (HTTP 400 or 422).</summary>
public class RunValidationException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunValidationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunValidationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The individual errors, when the server listed them; empty otherwise.</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];
}

/// <summary>
/// The credentials were missing, invalid, expired, or not allowed (HTTP 401 or 403), or signing in with them failed.
/// </summary>
public class RunAuthenticationException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunAuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunAuthenticationException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// The server reports that the run itself failed, where the call returns the run's outcome (join, wait, a stream's error
/// event). <see cref="RunApiException.ServerMessage"/> holds the run's error message; the status code is usually 200.
/// </summary>
public class RunFailedException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunFailedException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunFailedException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The server's name for the error (e.g. <c>ValueError</c>), if it gave one.</summary>
    public string? ErrorName { get; init; }

    /// <summary>The run that failed, when known.</summary>
    public string? RunId { get; init; }
}

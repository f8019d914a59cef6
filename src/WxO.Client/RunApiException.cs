using System.Net;
using WxO.Client.Models;

namespace WxO.Client;

/// <summary>
/// The server answered with an error, or with a success body the client cannot read.
/// Carries what is needed to report the failure to the vendor; never a credential.
/// </summary>
public class RunApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunApiException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunApiException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode? StatusCode { get; internal set; }

    /// <summary>The error message the server gave, when one could be found in the body.</summary>
    public string? ServerMessage { get; internal set; }

    /// <summary>The start of the response body (at most 4 KiB of text), for diagnostics.</summary>
    public string? ResponseBody { get; internal set; }

    /// <summary>The server's request id (<c>x-request-id</c>, <c>x-correlation-id</c> or <c>x-global-transaction-id</c>), to quote to the vendor's support.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>The HTTP method of the failed request.</summary>
    public string? RequestMethod { get; internal set; }

    /// <summary>The path of the failed request, without its query string.</summary>
    public string? RequestPath { get; internal set; }
}

/// <summary>The server does not know the run (HTTP 404).</summary>
public class RunNotFoundException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunNotFoundException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>The server rejected the request as invalid (HTTP 400 or 422).</summary>
public class RunValidationException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunValidationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunValidationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The individual errors, when the body was FastAPI's <c>{"detail": [...]}</c>; empty otherwise.</summary>
    public IReadOnlyList<ValidationError> Errors { get; internal set; } = [];
}

/// <summary>The credentials were missing, invalid, expired, or not allowed to read the run (HTTP 401 or 403).</summary>
public class RunAuthenticationException : RunApiException
{
    /// <summary>Creates the exception.</summary>
    public RunAuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public RunAuthenticationException(string message, Exception? innerException) : base(message, innerException) { }
}

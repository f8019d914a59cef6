using System.Net.Http;

namespace WxO.Client;

/// <summary>
/// A run's stream broke (the connection failed, stayed silent past the idle timeout, or ended before the run did) and
/// could not be re-joined or recovered, so the events after <see cref="LastEventId"/> did not reach the caller. The run
/// itself may still be going: follow it by <see cref="RunId"/> (join its stream from <see cref="LastEventId"/>, read its
/// events, or wait for it). An <see cref="HttpRequestException"/>, so code that handles network failures handles this too;
/// the cause (an <see cref="IOException"/>, an <see cref="HttpRequestException"/> or, for a silent connection, a
/// <see cref="TimeoutException"/>) is the <see cref="Exception.InnerException"/>.
/// </summary>
public class RunStreamBrokenException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    public RunStreamBrokenException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public RunStreamBrokenException(string message, Exception? innerException)
        : base(HttpRequestError.ResponseEnded, message, innerException)
    {
    }

    /// <summary>The run whose stream broke, when the stream had named it before it broke.</summary>
    public string? RunId { get; init; }

    /// <summary>The id of the last event the caller received, if the server gave events ids: where a re-join resumes.</summary>
    public string? LastEventId { get; init; }
}

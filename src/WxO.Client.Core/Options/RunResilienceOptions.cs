namespace WxO.Client;

/// <summary>
/// Retries and timeouts for run requests. The pipeline is: deadline (<see cref="TotalTimeout"/>, around everything,
/// sign-in included) → credentials → retry → per-attempt timeout.
/// Only transient failures are retried: 408, 429, 5xx, network errors and attempt timeouts. A request that starts a run
/// is retried only when its connection could not be made: once it may have reached the server, a retry could start a
/// second run.
/// </summary>
public sealed class RunResilienceOptions
{
    /// <summary>
    /// Turns the built-in pipeline on (default) or off. Turn it off when you add your own, e.g. when the host calls
    /// <c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>: two pipelines would multiply retries.
    /// When off, only <see cref="TotalTimeout"/> (and <see cref="LongPollTimeout"/> for long-polls) still applies.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retries after the first attempt (0–10). Default 3.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest computed backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest wait a server's <c>Retry-After</c> (seconds or HTTP date) can impose; longer hints are cut to this.
    /// Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one attempt (10 ms – 1 day). A timed-out attempt is retried. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deadline of the whole call (10 ms – 1 day): sign-in, every attempt, the waits between retries and the refresh-and-retry
    /// after a 401 all end by it. Default 2 minutes.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Timeout of a long-poll (a call the server answers only when a run ends: join, create-and-wait), used as both its
    /// attempt and its total timeout instead of the short-call ones (10 ms – 1 day). Default 1 hour. Streams are not
    /// long-polls: their timeouts end when the headers arrive, and an idle watchdog (<see cref="RunClientOptions.StreamIdleTimeout"/>)
    /// takes over.
    /// </summary>
    public TimeSpan LongPollTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public override string ToString()
        => $"Resilience = {{ Enabled = {Enabled}, MaxRetryAttempts = {MaxRetryAttempts}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, "
            + $"MaxRetryAfter = {MaxRetryAfter}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, LongPollTimeout = {LongPollTimeout} }}";
}

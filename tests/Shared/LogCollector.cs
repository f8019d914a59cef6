using Microsoft.Extensions.Logging;

namespace WxO.Client.Testing;

/// <summary>Collects every log line (message, scopes and exception) at every level, for secret-leak checks.</summary>
internal sealed class LogCollector : ILoggerProvider, ISupportExternalScope
{
    private readonly List<string> _lines = [];
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) { return [.. _lines]; } }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string? Expand(object? value)
        => value is System.Collections.IEnumerable items and not string ? string.Join("|", items.Cast<object?>()) : value?.ToString();

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            owner._scopes?.ForEachScope((scope, _) => line += $" [scope {scope}]", (object?)null);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                // Values are expanded (a header arrives as string[]): a secret must not hide inside a collection.
                line += " " + string.Join(", ", values.Select(kv => $"{kv.Key}={Expand(kv.Value)}"));
            }

            lock (owner._lines)
            {
                owner._lines.Add(line);
            }
        }
    }
}

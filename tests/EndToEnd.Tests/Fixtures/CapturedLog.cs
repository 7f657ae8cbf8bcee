using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Switchboard.EndToEnd.Tests.Fixtures;

/// <summary>Log lines of an in-process host, time-stamped, so a test can print what its edge saw.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(DateTime At, string Line)> _lines = new();

    /// <summary>Lines written at or after <paramref name="since"/> (UTC), at most <paramref name="limit"/>.</summary>
    public IEnumerable<string> Since(DateTime since, int limit) =>
        _lines.Where(l => l.At >= since).Take(limit).Select(l => l.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + l.Line);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var error = exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]";
            owner._lines.Enqueue((DateTime.UtcNow, $"{logLevel} {category}: {formatter(state, exception)}{error}"));
        }
    }
}

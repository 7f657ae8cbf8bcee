using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchboard.Edge.Tests.Support;

/// <summary>
/// A logger provider that keeps every entry an edge logs with an exception attached, so a test can prove that nothing
/// it sent made a handler throw (the edge catches and logs those rather than letting them reach the transport).
/// </summary>
public sealed class RecordedLogs : ILoggerProvider
{
    /// <summary>"Category EventName: exception message", one per entry that carried an exception.</summary>
    public ConcurrentQueue<string> Failures { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, Failures);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> failures) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                failures.Enqueue($"{category} {eventId.Name}: {exception.GetType().Name}: {exception.Message}");
            }
        }
    }
}

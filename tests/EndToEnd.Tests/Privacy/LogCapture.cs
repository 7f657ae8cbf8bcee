using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchboard.EndToEnd.Tests.Privacy;

/// <summary>
/// An in-memory log provider that keeps each line as a provider would write it: level, category, the formatted
/// message and the values of every scope around it (a console formatter with <c>IncludeScopes</c> writes those too).
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every line written at <paramref name="least"/> or above, as "Level Category: message [scopes]".</summary>
    public IReadOnlyList<string> AtLeast(LogLevel least) => [.. _lines.Where(l => l.Level >= least).Select(l => l.Text)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
            owner._lines.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)} [{string.Join("; ", scopes)}] {exception?.Message}"));
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace PairwiseCL.Web.Tests.TestSupport;

/// <summary>
/// Keeps what a browser test's portal said (its own information, everyone's warnings and errors, a circuit's unhandled
/// exception among them) and its pages' browser console errors, in order, and hands them to the test's output when the
/// test ends: xUnit prints that output under a failed test, so a failure on a CI machine says what the server and the
/// page saw.
/// </summary>
public sealed class PortalLog(ITestOutputHelper output) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public void Add(string source, string text) => lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {source}: {text}");

    public void WriteToOutput()
    {
        foreach (var line in lines) output.WriteLine(line);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(PortalLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning || (logLevel >= LogLevel.Information && category.StartsWith("PairwiseCL", StringComparison.Ordinal));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Add($"{logLevel} {category}", formatter(state, exception) + (exception is null ? "" : $" ({exception})"));
        }
    }
}

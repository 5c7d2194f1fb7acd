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
    /// <summary>Where Blazor says a page's circuit connected, dropped or ended, and where it navigated (at Debug).</summary>
    public static readonly string[] ConnectionCategories =
    [
        "Microsoft.AspNetCore.Components.Server.Circuits.CircuitRegistry",
        "Microsoft.AspNetCore.Components.Server.Circuits.RemoteNavigationManager",
    ];

    // The newest lines only: the failure's own message must stay in sight in a CI log.
    private const int MaxLines = 400;

    private readonly ConcurrentQueue<string> lines = new();

    // One sampler for the test process, whose thread pool every portal of a parallel test run shares: a page whose
    // messages wait behind a starved pool looks like a lost click or navigation.
    private static readonly List<PortalLog> Open = [];
    private static Thread? sampler;

    /// <summary>From now until <see cref="WriteToOutput"/>, notes every 2 s in which the thread pool had work queued.</summary>
    public void WatchThreadPool()
    {
        lock (Open)
        {
            Open.Add(this);
            if (sampler is not null) return;
            // A thread of its own, not a timer: a timer's callback needs the very pool it is meant to watch.
            sampler = new Thread(SampleThreadPool) { IsBackground = true, Name = "thread-pool sampler" };
            sampler.Start();
        }
    }

    private static void SampleThreadPool()
    {
        while (true)
        {
            Thread.Sleep(2000);
            var queued = ThreadPool.PendingWorkItemCount;
            if (queued < 8) continue;
            var text = $"{ThreadPool.ThreadCount} threads, {queued} work items queued, {ThreadPool.CompletedWorkItemCount} completed so far";
            lock (Open)
                foreach (var log in Open) log.Add("thread pool", text);
        }
    }

    public void Add(string source, string text) => lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {source}: {text}");

    public void WriteToOutput()
    {
        lock (Open) Open.Remove(this);
        var all = lines.ToArray();
        if (all.Length > MaxLines) output.WriteLine($"({all.Length - MaxLines} earlier lines left out)");
        foreach (var line in all.TakeLast(MaxLines)) output.WriteLine(line);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(PortalLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning
            || (logLevel >= LogLevel.Information && category.StartsWith("PairwiseCL", StringComparison.Ordinal))
            || (logLevel >= LogLevel.Debug && ConnectionCategories.Any(c => category.StartsWith(c, StringComparison.Ordinal)));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Add($"{logLevel} {category}", formatter(state, exception) + (exception is null ? "" : $" ({exception})"));
        }
    }
}

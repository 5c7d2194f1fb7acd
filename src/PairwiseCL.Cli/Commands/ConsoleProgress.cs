using PairwiseCL.Core.Progress;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>Runs work under a Spectre.Console progress bar; the work reports (done, total, detail).</summary>
internal static class ConsoleProgress
{
    public static T Run<T>(string description, Func<IProgress<(int Done, int Total, string Detail)>, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs and CI: print a line every ~10% instead of redrawing a bar.
            var lastDecile = -1;
            var gate = new object();
            return work(new InlineProgress<(int Done, int Total, string Detail)>(p =>
            {
                lock (gate)
                {
                    var decile = p.Total == 0 ? 10 : 10 * p.Done / p.Total;
                    if (decile == lastDecile) return;
                    lastDecile = decile;
                    Console.WriteLine($"{description}: {p.Done}/{p.Total} {p.Detail}");
                }
            }));
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                result = work(new InlineProgress<(int Done, int Total, string Detail)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{description} {p.Detail}");
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}

using PairwiseCL.Core.Audio;
using PairwiseCL.Store.Corpora;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>Runs a command body and turns the errors a user can fix into one clear line and an exit code.</summary>
internal static class CliRunner
{
    public static Task<int> Run(Func<int> body) => Run(() => Task.FromResult(body()));

    public static async Task<int> Run(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliUsageException ex)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return 130;
        }
        catch (Exception ex) when (ex is ArgumentException or AudioFormatException or IOException or InvalidDataException
                                       or InvalidOperationException or UnauthorizedAccessException or FormatException or CorpusStoreException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
    }
}

using PairwiseCL.Core.Audio;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>Runs a command body and turns the errors a user can fix into one clear line and an exit code.</summary>
internal static class CliRunner
{
    public static Task<int> Run(Func<int> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (CliUsageException ex)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return Task.FromResult(2);
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]cancelled[/]");
            return Task.FromResult(130);
        }
        catch (Exception ex) when (ex is ArgumentException or AudioFormatException or IOException or InvalidDataException
                                       or InvalidOperationException or UnauthorizedAccessException or FormatException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return Task.FromResult(1);
        }
    }
}

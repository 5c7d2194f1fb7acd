using System.CommandLine;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>`pairwisecl corpora`: the corpora in the store, as the portal lists them.</summary>
internal static class CorporaCommand
{
    public static Command Create()
    {
        var command = new Command("corpora", "List the corpora in the store.");
        command.SetAction((_, ct) => CliRunner.Run(async () =>
        {
            await using var settings = CliSettings.Load();
            var corpora = await (await settings.CorporaAsync(ct)).ListAsync(cancellationToken: ct);
            var table = new Table().AddColumns("#", "name", "utterances", "speakers", "sessions", "labels", "duration", "imported (UTC)");
            foreach (var c in corpora)
                table.AddRow(c.Id.ToString(), Markup.Escape(c.Name), c.Utterances.ToString(), c.Speakers.ToString(), c.Sessions.ToString(),
                    c.Labels.ToString(), $"{c.TotalDurationSeconds / 60:F1} min", c.ImportedAtUtc.ToString("yyyy-MM-dd HH:mm"));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{corpora.Count} corpora in {Markup.Escape(settings.Storage.DatabaseFullPath)}");
            return 0;
        }));
        return command;
    }
}

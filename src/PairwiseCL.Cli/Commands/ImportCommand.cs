using System.CommandLine;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>`pairwisecl import`: read a corpus from disk and store it where the portal lists it.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var command = new Command("import", "Import a corpus (CSV manifest, IEMOCAP release, EmoDB folder or one folder per label) into the store.");
        source.AddTo(command, includeStored: false);
        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            await using var settings = CliSettings.Load();
            var result = CorpusLoading.Import(source, parse, settings, ct);
            var corpus = result.Corpus;
            var corpora = await settings.CorporaAsync(ct);
            var id = await corpora.SaveAsync(corpus, cancellationToken: ct);

            var table = new Table().AddColumn("").AddColumn("");
            table.AddRow("corpus", $"{Markup.Escape(corpus.Name)} (#{id})");
            table.AddRow("utterances", corpus.Utterances.Count.ToString());
            table.AddRow("speakers / sessions", $"{corpus.Utterances.Select(u => u.Speaker).Distinct().Count()} / {corpus.Utterances.Select(u => u.Session).Distinct().Count()}");
            table.AddRow("duration", $"{corpus.Utterances.Sum(u => u.DurationSeconds) / 60:F1} min");
            table.AddRow("labels", Markup.Escape(string.Join(", ", corpus.Utterances.GroupBy(u => u.Label ?? "(none)").OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))));
            table.AddRow("label sets", Markup.Escape(string.Join(", ", corpus.LabelSets.Select(s => s.Name))));
            table.AddRow("skipped files", result.Problems.Count.ToString());
            table.AddRow("store", Markup.Escape(settings.Storage.DatabaseFullPath));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}

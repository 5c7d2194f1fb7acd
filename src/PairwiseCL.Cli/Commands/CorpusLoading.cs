using System.CommandLine;
using PairwiseCL.Core.Corpora;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>Turns a command's corpus options into a corpus, reporting files the importer skipped.</summary>
internal static class CorpusLoading
{
    public static Corpus Load(CorpusSource source, ParseResult parse, CliSettings settings, CancellationToken ct)
    {
        if (!source.IsGiven(parse))
            throw new CliUsageException("Name a corpus: --manifest <csv> [--audio-root <folder>], --iemocap <root>, --emodb <folder> or --folders <root>.");
        var result = ConsoleProgress.Run("import", progress =>
            source.Import(parse, new Progress<Core.Corpora.Importers.ImportProgress>(p => progress.Report((p.Done, p.Total, ""))), ct));
        foreach (var problem in result.Problems)
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(problem.ToString())}");
        if (result.Corpus.Utterances.Count == 0)
            throw new CliUsageException($"The corpus source holds no usable utterances ({result.Problems.Count} problem(s) reported).");
        return result.Corpus;
    }
}

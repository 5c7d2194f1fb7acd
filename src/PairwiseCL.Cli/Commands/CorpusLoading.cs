using System.CommandLine;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>Turns a command's corpus options into a corpus: one from the store by name, or one read from disk.</summary>
internal static class CorpusLoading
{
    public static async Task<Corpus> LoadAsync(CorpusSource source, ParseResult parse, CliSettings settings, CancellationToken ct)
    {
        if (parse.GetValue(source.StoredName) is { } name)
        {
            if (source.IsGiven(parse)) throw new CliUsageException("Give --corpus <name> or a corpus source on disk, not both.");
            return await LoadStoredAsync(name, settings, ct);
        }
        return Import(source, parse, settings, ct).Corpus;
    }

    /// <summary>A corpus from the store by name.</summary>
    public static async Task<Corpus> LoadStoredAsync(string name, CliSettings settings, CancellationToken ct)
    {
        var corpora = await settings.CorporaAsync(ct);
        var id = await corpora.FindIdByNameAsync(name, cancellationToken: ct)
                 ?? throw new CliUsageException($"No corpus named '{name}' in {settings.Storage.DatabaseFullPath}; `pairwisecl corpora` lists them.");
        return (await corpora.LoadAsync(id, cancellationToken: ct))!;
    }

    /// <summary>Imports from disk with a progress bar, printing every skipped file.</summary>
    public static ImportResult Import(CorpusSource source, ParseResult parse, CliSettings settings, CancellationToken ct)
    {
        if (!source.IsGiven(parse))
            throw new CliUsageException("Name a corpus: --corpus <stored name>, --manifest <csv> [--audio-root <folder>], --iemocap <root>, --emodb <folder> or --folders <root>.");
        var result = ConsoleProgress.Run("import", progress =>
            source.Import(parse, settings.ImportConfinement, new Progress<ImportProgress>(p => progress.Report((p.Done, p.Total, ""))), ct));
        foreach (var problem in result.Problems)
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(problem.ToString())}");
        if (result.Corpus.Utterances.Count == 0)
            throw new CliUsageException($"The corpus source holds no usable utterances ({result.Problems.Count} problem(s) reported).");
        return result;
    }
}

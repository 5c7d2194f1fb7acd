using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PairwiseCL.Core.Views.Egemaps;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl egemaps`: eGeMAPSv02 functionals (and optionally per-utterance LLD CSVs) for a folder of WAV files
/// or a manifest CSV, in openSMILE's CSV layout, with the throughput. `pairwisecl egemaps-parity`: per-feature
/// agreement of two functionals CSVs (r and median relative difference).
/// </summary>
internal static class EgemapsCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Folder of .wav files, or a manifest CSV with a 'file' (or 'path') column.", Required = true };
        var output = new Option<string>("--output") { Description = "Functionals CSV to write (openSMILE layout).", Required = true };
        var lld = new Option<string?>("--lld") { Description = "Folder to write one LLD CSV per utterance into." };
        var threads = new Option<int>("--threads") { Description = "Utterances extracted in parallel (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };

        var command = new Command("egemaps", "Extract the 88 eGeMAPSv02 functionals (openSMILE-compatible CSV).");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(lld);
        command.Options.Add(threads);
        command.SetAction((parse, cancellationToken) => Task.FromResult(
            Run(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(lld), parse.GetValue(threads), cancellationToken)));
        return command;
    }

    public static Command CreateParity()
    {
        var reference = new Option<string>("--reference") { Description = "openSMILE's functionals CSV.", Required = true };
        var ours = new Option<string>("--ours") { Description = "Functionals CSV written by `pairwisecl egemaps`.", Required = true };
        var command = new Command("egemaps-parity", "Per-feature Pearson r and median relative difference against openSMILE.");
        command.Options.Add(reference);
        command.Options.Add(ours);
        command.SetAction(parse => RunParity(parse.GetValue(reference)!, parse.GetValue(ours)!));
        return command;
    }

    private static int Run(string input, string output, string? lldFolder, int threads, CancellationToken cancellationToken)
    {
        var inputs = EgemapsInputs.Resolve(input);
        if (inputs.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No audio found in {input}.[/]");
            return 1;
        }
        var extractor = new EgemapsBatchExtractor(new EgemapsExtractor());
        var watch = Stopwatch.StartNew();
        var batch = extractor.ExtractAll(inputs, threads, cancellationToken: cancellationToken);
        watch.Stop();

        // Like the importers: every unusable file is named, the rest is written (exit code 0); only an input
        // of which nothing could be extracted fails (exit code 1, no CSV).
        foreach (var (_, problem) in batch.Failed)
            AnsiConsole.MarkupLineInterpolated($"[yellow]skipped {problem}[/]");
        if (batch.Extracted.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]None of the {inputs.Count} file(s) in {input} could be extracted; no CSV was written.[/]");
            return 1;
        }
        var names = batch.Extracted.Select(e => e.Input.Name).ToList();
        var results = batch.Extracted.Select(e => e.Result).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        OpenSmileCsv.WriteFunctionals(output, names, results.Select(r => r.Functionals).ToList());
        if (lldFolder is not null)
        {
            Directory.CreateDirectory(lldFolder);
            for (var i = 0; i < results.Count; i++)
                OpenSmileCsv.WriteLowLevelDescriptors(Path.Combine(lldFolder, names[i] + ".csv"), names[i], results[i].LowLevelDescriptors);
        }

        var audio = results.Sum(r => r.DurationSeconds);
        var skipped = batch.Failed.Count == 0 ? "" : $", {batch.Failed.Count} file(s) skipped";
        AnsiConsole.MarkupLineInterpolated(
            $"{results.Count} utterances{skipped}, {audio:F1} s of audio in {watch.Elapsed.TotalSeconds:F2} s wall with {threads} thread(s): [green]{audio / watch.Elapsed.TotalSeconds:F0} audio s per wall s[/] -> {output}");
        return 0;
    }

    private static int RunParity(string referencePath, string oursPath)
    {
        var parity = EgemapsParity.Compare(OpenSmileCsv.Read(referencePath), OpenSmileCsv.Read(oursPath));
        var table = new Table().AddColumn("#").AddColumn("feature").AddColumn("r").AddColumn("median rel. diff");
        for (var i = 0; i < parity.Count; i++)
        {
            var p = parity[i];
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), p.Feature,
                p.PearsonR.ToString("F3", CultureInfo.InvariantCulture), p.MedianRelativeDifference.ToString("F3", CultureInfo.InvariantCulture));
        }
        AnsiConsole.Write(table);
        var rs = parity.Select(p => p.PearsonR).OrderBy(r => r).ToArray();
        var median = rs.Length % 2 == 1 ? rs[rs.Length / 2] : (rs[rs.Length / 2 - 1] + rs[rs.Length / 2]) / 2;
        AnsiConsole.WriteLine(
            $"{parity.Count} features over {parity[0].Utterances} utterances: {rs.Count(r => r >= 0.90)} at r >= 0.90, {rs.Count(r => r >= 0.95)} at r >= 0.95, median r {median:F3}");
        return 0;
    }
}

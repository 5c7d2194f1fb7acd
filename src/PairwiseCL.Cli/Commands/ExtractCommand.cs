using System.CommandLine;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using Spectre.Console;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Cli.Commands;

/// <summary>`pairwisecl extract`: run a corpus through a view into the feature cache, reporting throughput.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var view = new Option<string>("--view") { Description = $"View to extract: {string.Join(", ", FeatureViewCatalog.Names)}.", Required = true };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Feature cache folder (default: Storage:FeatureCachePath from appsettings.json)." };
        var threads = new Option<int>("--threads") { Description = "Parallel workers (0 = one per core).", DefaultValueFactory = _ => 0 };
        var float16 = new Option<bool?>("--float16") { Description = "Store features as float16 (half the disk); default: the view's choice (float16 for wav2vec 2.0 when configured)." };
        var command = new Command("extract", "Extract a view's features for every utterance of a corpus into the feature cache.");
        source.AddTo(command);
        command.Options.Add(view);
        command.Options.Add(cache);
        command.Options.Add(threads);
        command.Options.Add(float16);
        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            await using var settings = CliSettings.Load();
            var corpus = await CorpusLoading.LoadAsync(source, parse, settings, ct);
            var featureView = FeatureViewCatalog.Create(parse.GetValue(view)!, settings.Wav2Vec2);
            var cacheRoot = parse.GetValue(cache)?.FullName ?? settings.FeatureCachePath;
            var extractor = new FeatureExtractor(new FeatureCache(cacheRoot));
            var options = new ExtractionOptions(parse.GetValue(threads), parse.GetValue(float16) switch { true => FeatureStorage.Float16, false => FeatureStorage.Float32, null => null });

            var summary = ConsoleProgress.Run($"extract {featureView.Name}", progress =>
                extractor.ExtractAll(corpus, featureView, options,
                    new InlineProgress<ExtractionProgress>(p => progress.Report((p.Done, p.Total, $"{p.AudioSecondsPerSecond:F1} audio s/s"))), ct));

            var table = new Table().AddColumn("").AddColumn("");
            table.AddRow("corpus", Markup.Escape(corpus.Name));
            table.AddRow("view", $"{featureView.Name} (config {featureView.ConfigurationKey})");
            table.AddRow("utterances", corpus.Utterances.Count.ToString());
            table.AddRow("extracted / from cache", $"{summary.Extracted} / {summary.FromCache}");
            table.AddRow("failed", summary.Failures.Count.ToString());
            table.AddRow("audio extracted", $"{summary.AudioSeconds:F1} s");
            table.AddRow("wall time", $"{summary.Elapsed.TotalSeconds:F2} s with {options.Workers} worker(s)");
            table.AddRow("throughput", $"{summary.AudioSecondsPerSecond:F1} audio seconds per wall second");
            table.AddRow("cache", Markup.Escape(cacheRoot));
            AnsiConsole.Write(table);
            foreach (var failure in summary.Failures) AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(failure.Message)}");
            return summary.Failures.Count == corpus.Utterances.Count && corpus.Utterances.Count > 0 ? 1 : 0;
        }));
        return command;
    }
}

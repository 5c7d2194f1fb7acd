using System.CommandLine;
using System.Globalization;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl pretrain`: Pairwise-CL pre-training of the chosen views on every utterance of one or more corpora
/// (labels ignored), stored as an immutable encoder set under the data folder; an identical request reuses it.
/// </summary>
internal static class PretrainCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var also = new Option<string?>("--also") { Description = "More stored corpora to pre-train on, comma-separated." };
        var views = new Option<string>("--views") { Description = "Views pre-trained together, comma-separated (at least two).", DefaultValueFactory = _ => "mel,egemaps" };
        var name = new Option<string?>("--set-name") { Description = "Name of the encoder set (default: corpora and views)." };
        var temperature = new Option<double>("--temperature") { Description = "Pairwise-CL temperature tau.", DefaultValueFactory = _ => 0.5 };
        var epochs = new Option<int>("--epochs") { Description = "Maximum pre-training epochs.", DefaultValueFactory = _ => 100 };
        var patience = new Option<int>("--patience") { Description = "Early-stopping patience in epochs (validation: a seeded 10 % of the utterances).", DefaultValueFactory = _ => 30 };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 128 };
        var padding = new Option<string>("--padding") { Description = "Batch padding: fixed15s or bucketed.", DefaultValueFactory = _ => "fixed15s" };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, batches and the validation split.", DefaultValueFactory = _ => 0 };
        var command = new Command("pretrain", "Pre-train encoders on every utterance of one or more corpora (labels ignored) and store them as an encoder set.");
        source.AddTo(command);
        foreach (var option in new Option[] { also, views, name, temperature, epochs, patience, batchSize, padding, seed })
            command.Options.Add(option);

        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            await using var settings = CliSettings.Load();
            var corpora = new List<Corpus> { await CorpusLoading.LoadAsync(source, parse, settings, ct) };
            foreach (var extra in ReproduceCommand.List(parse.GetValue(also) ?? ""))
                corpora.Add(await CorpusLoading.LoadStoredAsync(extra, settings, ct));
            var viewNames = ReproduceCommand.List(parse.GetValue(views)!);
            var pretraining = new PretrainingConfig(Temperature: parse.GetValue(temperature), MaxEpochs: parse.GetValue(epochs),
                Patience: parse.GetValue(patience), BatchSize: parse.GetValue(batchSize), Seed: parse.GetValue(seed),
                Padding: ReproduceCommand.ParsePadding(parse.GetValue(padding)!));

            var features = viewNames.ToDictionary(v => v, _ => new List<FeatureMatrix>());
            var usable = new List<Corpus>();
            IReadOnlyList<IFeatureView> featureViews = [];
            foreach (var corpus in corpora)
            {
                var (kept, corpusFeatures, extracted) = CliFeatures.Extract(settings, corpus, viewNames, pretraining.Padding, $"features of {corpus.Name}", ct);
                featureViews = extracted;
                usable.Add(kept);
                foreach (var view in viewNames) features[view].AddRange(corpusFeatures[view]);
            }
            var request = new EncoderSetRequest(viewNames, featureViews.ToDictionary(v => v.Name, v => v.ConfigurationKey),
                usable.Select(TrainingCorpus.Of).ToList(),
                pretraining, ModelArchitecture.Paper);
            var problems = request.Problems();
            if (problems.Count > 0) throw new CliUsageException(string.Join(Environment.NewLine, problems));

            var catalog = new EncoderSetCatalog(settings.DataFolder);
            if (catalog.Find(request) is { } stored)
            {
                AnsiConsole.MarkupLine($"Reused the stored encoder set [bold]{Markup.Escape(stored.Name)}[/] ({stored.RequestHash}), trained {stored.CreatedAtUtc:u}.");
                Print(stored, catalog.FolderOf(stored.RequestHash));
                return 0;
            }
            var setName = parse.GetValue(name) ?? $"{string.Join(" + ", usable.Select(c => c.Name))}: {string.Join(", ", viewNames)}, tau {pretraining.Temperature.ToString(CultureInfo.InvariantCulture)}";
            var manifest = ConsoleProgress.Run("pre-training", progress => new EncoderSetTrainer().Train(setName, request,
                features.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<FeatureMatrix>)kv.Value), catalog.FolderOf(request.Hash),
                new InlineProgress<TrainingProgress>(p => progress.Report((p.Epoch, p.MaxEpochs, $"epoch {p.Epoch}, loss {p.TrainLoss:F3}/{p.ValidationLoss:F3}"))), ct));
            Print(manifest, catalog.FolderOf(request.Hash));
            return 0;
        }));
        return command;
    }

    private static void Print(EncoderSetManifest manifest, string folder)
    {
        var table = new Table().AddColumns("view", "parameters", "sha-256");
        foreach (var encoder in manifest.Encoders)
            table.AddRow(Markup.Escape(encoder.View), encoder.Parameters.ToString("N0", CultureInfo.InvariantCulture), encoder.Sha256[..16] + "…");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"{manifest.TrainingUtterances} training and {manifest.ValidationUtterances} validation utterances, best epoch {manifest.BestEpoch} of {manifest.History.Count}, " +
                               $"{manifest.Seconds:F0} s; encoder set [bold]{Markup.Escape(manifest.Name)}[/] in {Markup.Escape(folder)}");
    }
}

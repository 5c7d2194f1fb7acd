using System.CommandLine;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl train-model`: trains a deployable model on every labelled clip of a corpus (from scratch, or on an
/// encoder set's pre-trained encoder, frozen or tuned), reports an honest estimate of its UAR on clips it never saw
/// (leave one speaker out, or stratified folds with one speaker) and saves it as experiments save their models.
/// </summary>
internal static class TrainModelCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var labels = new Option<string?>("--labels") { Description = "Classes, comma-separated (clips of other labels are left out). Default: the corpus's first label set." };
        var labelSet = new Option<string?>("--label-set") { Description = "Name of one of the corpus's label sets instead of --labels." };
        var view = new Option<string>("--view") { Description = "The model's view, or several comma-separated for a late fusion (mean of the views' probabilities).", DefaultValueFactory = _ => "egemaps" };
        var method = new Option<string>("--method") { Description = "supervised (from scratch), pairwise-frozen or pairwise-tuned (with --encoder-set).", DefaultValueFactory = _ => MethodNames.Supervised };
        var encoderSet = new Option<string?>("--encoder-set") { Description = "Hash of a stored encoder set (see `pairwisecl pretrain`) whose encoder the model starts from." };
        var epochs = new Option<int>("--epochs") { Description = "Maximum fine-tuning epochs.", DefaultValueFactory = _ => 100 };
        var patience = new Option<int>("--patience") { Description = "Early-stopping patience in epochs.", DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { Description = "Mini-batch size.", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, batches and folds.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the model (model.bin, model.json) and estimate.md.", Required = true };
        var command = new Command("train-model", "Train a model on every labelled clip of a corpus, estimate its UAR on unseen clips, and save it.");
        source.AddTo(command);
        foreach (var option in new Option[] { labels, labelSet, view, method, encoderSet, epochs, patience, batchSize, seed, output })
            command.Options.Add(option);

        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            var methodName = parse.GetValue(method)!;
            if (!MethodNames.All.Contains(methodName))
                throw new CliUsageException($"--method must be one of {string.Join(", ", MethodNames.All)}, not '{methodName}'.");
            await using var settings = CliSettings.Load();
            var corpus = await CorpusLoading.LoadAsync(source, parse, settings, ct);
            var classes = ReproduceCommand.ChooseLabels(corpus, parse.GetValue(labels), parse.GetValue(labelSet));
            var viewNames = parse.GetValue(view)!.Split([',', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (viewNames.Length == 0 || viewNames.Distinct().Count() != viewNames.Length)
                throw new CliUsageException("--view names one view, or several different ones for a late fusion.");
            EncoderSetManifest? set = null;
            string? setFolder = null;
            if (parse.GetValue(encoderSet) is { } hash)
            {
                var catalog = new EncoderSetCatalog(settings.DataFolder);
                setFolder = catalog.FolderOf(hash);
                if (!File.Exists(Path.Combine(setFolder, EncoderSetFiles.ManifestFile)))
                    throw new CliUsageException($"There is no encoder set {hash} in {catalog.Root}.");
                set = EncoderSetFiles.ReadManifest(setFolder);
            }
            else if (methodName != MethodNames.Supervised)
                throw new CliUsageException($"--method {methodName} starts from a pre-trained encoder: name one with --encoder-set.");
            var padding = set?.Request.Pretraining.Padding ?? BatchPadding.Fixed15s;
            var (usable, features, views) = CliFeatures.Extract(settings, corpus, viewNames, padding, "features", ct);
            foreach (var opened in views)
            {
                if (set is not null && !set.Request.Views.Contains(opened.Name))
                    throw new CliUsageException($"Encoder set '{set.Name}' has no {opened.Name} encoder.");
                if (set is not null && set.Request.ViewConfigurationKeys.GetValueOrDefault(opened.Name) is { } trained && trained != opened.ConfigurationKey)
                    throw new CliUsageException($"The '{opened.Name}' features are configured differently from those encoder set '{set.Name}' was trained on.");
            }
            var fineTuning = new FineTuningConfig(MaxEpochs: parse.GetValue(epochs), Patience: parse.GetValue(patience), BatchSize: parse.GetValue(batchSize),
                Seed: parse.GetValue(seed), RefitOnTrainingAndValidation: false, Padding: padding);
            var architecture = set?.Request.Architecture ?? ModelArchitecture.Paper;
            var folder = parse.GetValue(output)!.FullName;
            var keys = views.ToDictionary(v => v.Name, v => v.ConfigurationKey);
            LabelledModelRecord record;
            try
            {
                record = ConsoleProgress.Run("training", _ => LabelledModelFolder.TrainAndSave(usable, viewNames, features, keys, classes,
                    new LabelledModelSettings(string.Join("+", viewNames), methodName, fineTuning, architecture), set, setFolder, folder, ct));
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException(e.Message);
            }
            AnsiConsole.MarkupLine($"UAR on unseen clips ({Markup.Escape(record.Estimate.Scheme)}, {record.Estimate.FoldUars.Count} folds): " +
                $"[bold]{ReportTable.Number(record.Estimate.Uar.Mean, 3)}[/] ± {ReportTable.Number(record.Estimate.Uar.HalfWidth, 3)}; model saved in {Markup.Escape(folder)}");
            return 0;
        }));
        return command;
    }
}

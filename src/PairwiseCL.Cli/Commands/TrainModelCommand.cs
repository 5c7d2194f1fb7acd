using System.CommandLine;
using System.Globalization;
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
        var view = new Option<string>("--view") { Description = "The model's view.", DefaultValueFactory = _ => "egemaps" };
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
            var viewName = parse.GetValue(view)!;
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
            var (usable, features, views) = CliFeatures.Extract(settings, corpus, [viewName], padding, "features", ct);
            if (set is not null && set.Request.ViewConfigurationKeys.GetValueOrDefault(viewName) is { } trained && trained != views[0].ConfigurationKey)
                throw new CliUsageException($"The '{viewName}' features are configured differently from those encoder set '{set.Name}' was trained on.");
            var labelled = usable.Utterances.Select((u, i) => (u, i, c: classes.Map(u.Label)))
                .Where(x => x.c is not null).Select(x => (x.u, x.i, Class: classes.Classes.ToList().IndexOf(x.c!))).ToList();
            if (labelled.Select(x => x.Class).Distinct().Count() < 2)
                throw new CliUsageException($"Training needs labelled clips of at least two classes; the corpus has {labelled.Count} labelled clip(s).");

            var fineTuning = new FineTuningConfig(MaxEpochs: parse.GetValue(epochs), Patience: parse.GetValue(patience), BatchSize: parse.GetValue(batchSize),
                Seed: parse.GetValue(seed), RefitOnTrainingAndValidation: false, Padding: padding);
            var architecture = set?.Request.Architecture ?? ModelArchitecture.Paper;
            using var encoder = set is null ? null : EncoderSetFiles.LoadEncoder(setFolder!, set, viewName);
            var (model, estimate) = ConsoleProgress.Run("training", _ => new LabelledModelTrainer().Train(
                labelled.Select(x => features[viewName][x.i]).ToList(), labelled.Select(x => x.Class).ToList(), labelled.Select(x => x.u.Speaker).ToList(),
                classes.Classes.Count, new LabelledModelSettings(viewName, methodName, fineTuning, architecture), encoder, ct));
            using (model)
            {
                var folder = parse.GetValue(output)!.FullName;
                ModelFiles.Save(model, new ModelConfiguration(ModelConfiguration.NameOf(viewName, methodName), viewName, views[0].ConfigurationKey, methodName,
                    architecture, classes.Classes, 100, set?.Request.Pretraining.Temperature ?? 0), folder);
                File.WriteAllText(Path.Combine(folder, "estimate.md"), Describe(corpus.Name, labelled.Count, classes.Classes, estimate, set));
                AnsiConsole.MarkupLine($"UAR on unseen clips ({Markup.Escape(estimate.Scheme)}, {estimate.FoldUars.Count} folds): " +
                    $"[bold]{ReportTable.Number(estimate.Uar.Mean, 3)}[/] ± {ReportTable.Number(estimate.Uar.HalfWidth, 3)}; model saved in {Markup.Escape(folder)}");
            }
            return 0;
        }));
        return command;
    }

    private static string Describe(string corpus, int clips, IReadOnlyList<string> classes, LabelledModelEstimate estimate, EncoderSetManifest? set)
    {
        var confusion = new ReportTable("confusion", "rows: true class, columns: predicted, pooled over the held-out folds", ["", .. classes],
            classes.Select((c, i) => (IReadOnlyList<string>)[c, .. estimate.ConfusionMatrix[i].Select(n => n.ToString(CultureInfo.InvariantCulture))]).ToList());
        var folds = new ReportTable("folds", "UAR per held-out fold", ["held out", "UAR"],
            estimate.FoldNames.Select((f, i) => (IReadOnlyList<string>)[f, ReportTable.Number(estimate.FoldUars[i], 3)]).ToList());
        return $"# Model trained on {MarkdownText.Escape(corpus)}\n\n{clips} labelled clips; " +
               $"{(set is null ? "from scratch" : $"encoder set {MarkdownText.Escape(set.Name)} ({set.RequestHash[..12]})")}.\n\n" +
               $"UAR on unseen clips ({estimate.Scheme}): {ReportTable.Number(estimate.Uar.Mean, 3)} ± {ReportTable.Number(estimate.Uar.HalfWidth, 3)} (95 % CI over folds)\n\n" +
               folds.ToMarkdown() + "\n" + confusion.ToMarkdown();
    }
}

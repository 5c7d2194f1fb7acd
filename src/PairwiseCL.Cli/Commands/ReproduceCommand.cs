using System.CommandLine;
using System.Globalization;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using Spectre.Console;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Cli.Commands;

/// <summary>`pairwisecl reproduce`: the paper's whole protocol on a corpus, written as a report folder.</summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var labels = new Option<string?>("--labels") { Description = "Fine-tuning label set, comma-separated (the other labels only pre-train). Default: the corpus's first label set." };
        var labelSet = new Option<string?>("--label-set") { Description = "Name of one of the corpus's label sets (e.g. IEMOCAP-4) instead of --labels." };
        var views = new Option<string>("--views") { Description = "Views, comma-separated.", DefaultValueFactory = _ => "mel,egemaps" };
        var methods = new Option<string?>("--methods") { Description = $"Methods, comma-separated ({string.Join(", ", MethodNames.All)}). Default: all." };
        var fractions = new Option<string?>("--fractions") { Description = "Label fractions in percent, comma-separated. Default: 2,5,10,25,100 (quick: 10,25,100)." };
        var repeats = new Option<int?>("--repeats") { Description = "Repeats per fraction (default 10; quick 2)." };
        var temperatures = new Option<string?>("--temperatures") { Description = "Temperature grid for Table 1; the sweep uses 0.5 when listed, else the first. Default: 0.1,0.25,0.5,1.0 (quick: 0.5)." };
        var quick = new Option<bool>("--quick") { Description = "A preset that runs in minutes on a 2-core CPU (fewer repeats, fractions and epochs)." };
        var ood = new Option<bool?>("--out-of-distribution") { Description = "Also pre-train on the target emotions only and on the other emotions only (Figure 4). Default: on, off with --quick." };
        var pretrainEpochs = new Option<int?>("--pretrain-epochs") { Description = "Maximum pre-training epochs (default 100; quick 20)." };
        var finetuneEpochs = new Option<int?>("--finetune-epochs") { Description = "Maximum fine-tuning epochs (default 100; quick 25)." };
        var pretrainCorpus = new Option<string?>("--pretrain-corpus") { Description = "A stored corpus (labelled or not) whose utterances join every fold's pre-training; it never fine-tunes or tests." };
        var folds = new Option<string>("--folds") { Description = "Fold scheme: session (leave one session out, the paper's) or speaker (leave one speaker out).", DefaultValueFactory = _ => "session" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Mini-batch size for pre-training and fine-tuning (default 128, the paper's)." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Adam learning rate for pre-training and fine-tuning (default 1e-3)." };
        var patience = new Option<int?>("--patience") { Description = "Fine-tuning early-stopping patience in epochs (default 20; quick 8)." };
        var pretrainPatience = new Option<int?>("--pretrain-patience") { Description = "Pre-training early-stopping patience in epochs (default 30, the paper's; quick 8)." };
        var refit = new Option<bool?>("--refit") { Description = "After early stopping, retrain on training + validation speakers for the early-stopped epoch count (default false: the paper's best-validation-epoch model)." };
        var padding = new Option<string>("--padding") { Description = "Batch padding: fixed15s (the paper's: random batches of 15 s clips) or bucketed (batches of similar lengths padded to their longest clip; wav2vec 2.0 extracted per clip).", DefaultValueFactory = _ => "fixed15s" };
        var seed = new Option<int>("--seed") { Description = "Seed of the whole protocol.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Report folder to write.", Required = true };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Work folder for checkpoints and finished runs (default: <DataFolder>/work); re-running resumes from it." };
        var command = new Command("reproduce", "Run the paper's evaluation protocol (pre-training, sparse-label fine-tuning, statistics, t-SNE, PWCCA) and write a report.");
        source.AddTo(command);
        foreach (var option in new Option[] { labels, labelSet, views, methods, fractions, repeats, temperatures, quick, ood, pretrainEpochs, finetuneEpochs, pretrainCorpus, folds, batchSize, learningRate, patience, pretrainPatience, refit, padding, seed, output, work })
            command.Options.Add(option);

        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            await using var settings = CliSettings.Load();
            var corpus = await CorpusLoading.LoadAsync(source, parse, settings, ct);
            var extra = parse.GetValue(pretrainCorpus) is { } extraName ? await CorpusLoading.LoadStoredAsync(extraName, settings, ct) : null;
            var fineTuneLabels = ChooseLabels(corpus, parse.GetValue(labels), parse.GetValue(labelSet));
            var viewNames = List(parse.GetValue(views)!);
            var configuration = Configure(parse.GetValue(quick) ? ProtocolConfiguration.Quick(viewNames) : ProtocolConfiguration.Paper(viewNames),
                parse.GetValue(methods), parse.GetValue(fractions), parse.GetValue(repeats), parse.GetValue(temperatures), parse.GetValue(ood),
                parse.GetValue(seed));
            configuration = Train(configuration, parse.GetValue(pretrainEpochs), parse.GetValue(finetuneEpochs), parse.GetValue(batchSize),
                parse.GetValue(learningRate), parse.GetValue(patience), parse.GetValue(pretrainPatience), parse.GetValue(refit));
            configuration = configuration with
            {
                Folds = parse.GetValue(folds) switch
                {
                    "session" => FoldScheme.LeaveOneSessionOut,
                    "speaker" => FoldScheme.LeaveOneSpeakerOut,
                    var other => throw new CliUsageException($"--folds must be 'session' or 'speaker', not '{other}'."),
                },
            };
            configuration = configuration.WithPadding(ParsePadding(parse.GetValue(padding)!));
            configuration.Validate();

            var (usable, features, featureViews) = CliFeatures.Extract(settings, corpus, configuration.Views, configuration.Padding, "features", ct);
            corpus = usable;
            var input = new ProtocolInput(corpus, fineTuneLabels, features, featureViews.ToDictionary(v => v.Name, v => v.ConfigurationKey));
            if (extra is not null)
            {
                var (extraUsable, extraFeatures, _) = CliFeatures.Extract(settings, extra, configuration.Views, configuration.Padding, "pre-training corpus features", ct);
                input = input with { AdditionalPretraining = new AdditionalPretraining(extraUsable, extraFeatures) };
            }

            var workFolder = parse.GetValue(work)?.FullName ?? Path.Combine(settings.DataFolder, "work");
            var runner = new ProtocolRunner(workFolder, saveModels: true);
            var report = ConsoleProgress.Run("protocol", progress => runner.Run(configuration, input,
                new InlineProgress<ProtocolProgress>(p => progress.Report((p.Done, p.Total, $"{p.Step} ({TimeLeftText.Left(p.EstimatedRemaining)})"))), ct));

            var folder = parse.GetValue(output)!.FullName;
            var written = ReportWriter.Write(report, folder);
            PrintSummary(ResultSummary.Summarise(report.Runs));
            AnsiConsole.MarkupLine($"{report.Runs.Count} runs in {report.Elapsed:hh\\:mm\\:ss}; report: [bold]{Markup.Escape(Path.Combine(folder, "report.md"))}[/] ({written.Count} files)");
            return 0;
        }));
        return command;
    }

    internal static LabelSet ChooseLabels(Corpus corpus, string? labels, string? labelSetName)
    {
        if (labels is not null && labelSetName is not null) throw new CliUsageException("Give --labels or --label-set, not both.");
        if (labelSetName is not null)
            return corpus.LabelSets.FirstOrDefault(s => s.Name.Equals(labelSetName, StringComparison.OrdinalIgnoreCase))
                   ?? throw new CliUsageException($"The corpus has no label set '{labelSetName}'; it has: {string.Join(", ", corpus.LabelSets.Select(s => s.Name))}.");
        if (labels is not null)
        {
            var classes = List(labels);
            var present = corpus.Utterances.Select(u => u.Label).OfType<string>().ToHashSet();
            var unknown = classes.Where(c => !present.Contains(c)).ToList();
            if (unknown.Count > 0)
                throw new CliUsageException($"Label(s) {string.Join(", ", unknown)} do not occur in the corpus; its labels are: {string.Join(", ", present.Order())}.");
            return new LabelSet("fine-tuning", classes);
        }
        return corpus.LabelSets.FirstOrDefault()
               ?? new LabelSet("all labels", corpus.Utterances.Select(u => u.Label).OfType<string>().Distinct().Order().ToList());
    }

    private static ProtocolConfiguration Configure(ProtocolConfiguration preset, string? methods, string? fractions, int? repeats, string? temperatures,
        bool? ood, int seed)
    {
        var configuration = preset with { Seed = seed };
        if (methods is not null) configuration = configuration with { Methods = List(methods) };
        if (fractions is not null) configuration = configuration with { FractionsPercent = Numbers(fractions, "--fractions") };
        if (repeats is not null) configuration = configuration with { Repeats = repeats.Value };
        if (temperatures is not null)
        {
            var grid = Numbers(temperatures, "--temperatures");
            configuration = configuration with { TemperatureGrid = grid, Temperature = grid.Contains(0.5) ? 0.5 : grid[0] };
        }
        if (ood is not null) configuration = configuration with { OutOfDistribution = ood.Value };
        return configuration;
    }

    private static ProtocolConfiguration Train(ProtocolConfiguration configuration, int? pretrainEpochs, int? finetuneEpochs, int? batchSize,
        double? learningRate, int? patience, int? pretrainPatience, bool? refit)
    {
        var pre = configuration.Pretraining;
        var fine = configuration.FineTuning;
        pre = pre with
        {
            MaxEpochs = pretrainEpochs ?? pre.MaxEpochs, BatchSize = batchSize ?? pre.BatchSize,
            LearningRate = learningRate ?? pre.LearningRate, Patience = pretrainPatience ?? pre.Patience,
        };
        fine = fine with
        {
            MaxEpochs = finetuneEpochs ?? fine.MaxEpochs, BatchSize = batchSize ?? fine.BatchSize,
            LearningRate = learningRate ?? fine.LearningRate, Patience = patience ?? fine.Patience,
            RefitOnTrainingAndValidation = refit ?? fine.RefitOnTrainingAndValidation,
        };
        return configuration with { Pretraining = pre, FineTuning = fine };
    }

    internal static BatchPadding ParsePadding(string text) => text.ToLowerInvariant() switch
    {
        "fixed15s" => BatchPadding.Fixed15s,
        "bucketed" => BatchPadding.Bucketed,
        _ => throw new CliUsageException($"--padding must be 'fixed15s' or 'bucketed', not '{text}'."),
    };

    private static void PrintSummary(IReadOnlyList<SummaryRow> rows)
    {
        var table = new Table().AddColumns("view", "method", "p %", "UAR", "WA", "runs", "p vs sup.", "");
        foreach (var r in rows)
            table.AddRow(r.View, r.Method, r.FractionPercent.ToString("0.#", CultureInfo.InvariantCulture),
                $"{r.UarMean:F3} ± {r.UarCi95:F3}", $"{r.WaMean:F3} ± {r.WaCi95:F3}", r.Runs.ToString(),
                double.IsNaN(r.PValueVsSupervised) ? "" : r.PValueVsSupervised.ToString("G3", CultureInfo.InvariantCulture), r.Significance);
        AnsiConsole.Write(table);
    }

    internal static List<string> List(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<double> Numbers(string text, string option) =>
        List(text).Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : throw new CliUsageException($"{option}: '{t}' is not a number.")).ToList();
}

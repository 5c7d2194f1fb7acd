using System.CommandLine;
using System.Globalization;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Reports;
using Spectre.Console;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl active-learning`: simulates the labelling loop on a labelled corpus with its labels hidden and writes
/// learning curves (UAR against labelled clips per selection strategy) as a report folder.
/// </summary>
internal static class ActiveLearningCommand
{
    public static Command Create()
    {
        var source = new CorpusSource();
        var labels = new Option<string?>("--labels") { Description = "Label set, comma-separated (clips of other labels only pre-train). Default: the corpus's first label set." };
        var labelSet = new Option<string?>("--label-set") { Description = "Name of one of the corpus's label sets instead of --labels." };
        var views = new Option<string>("--views") { Description = "Views pre-trained together, comma-separated; each gets its own curves.", DefaultValueFactory = _ => "mel,egemaps" };
        var strategies = new Option<string>("--strategies")
        {
            Description = $"Selection strategies, comma-separated ({string.Join(", ", SelectionStrategies.All)}).",
            DefaultValueFactory = _ => string.Join(",", SelectionStrategies.Default),
        };
        var roundSize = new Option<int>("--round-size") { Description = "Clips labelled per round (k).", DefaultValueFactory = _ => 4 };
        var budget = new Option<int>("--budget") { Description = "Labelled clips at the end of each simulated loop.", DefaultValueFactory = _ => 64 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats per fold and strategy (random and hybrid differ between repeats).", DefaultValueFactory = _ => 5 };
        var temperature = new Option<double>("--temperature") { Description = "Pairwise-CL temperature tau.", DefaultValueFactory = _ => 0.5 };
        var pretrainEpochs = new Option<int>("--pretrain-epochs") { Description = "Maximum pre-training epochs per fold.", DefaultValueFactory = _ => 20 };
        var pretrainPatience = new Option<int>("--pretrain-patience") { Description = "Pre-training early-stopping patience in epochs.", DefaultValueFactory = _ => 8 };
        var folds = new Option<string>("--folds") { Description = "Fold scheme: session (leave one session out) or speaker.", DefaultValueFactory = _ => "session" };
        var padding = new Option<string>("--padding") { Description = "Batch padding: fixed15s or bucketed.", DefaultValueFactory = _ => "fixed15s" };
        var seed = new Option<int>("--seed") { Description = "Seed of the whole simulation.", DefaultValueFactory = _ => 0 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Report folder to write.", Required = true };
        var work = new Option<DirectoryInfo?>("--work") { Description = "Work folder for pre-training checkpoints (default: <DataFolder>/work); re-running resumes from it." };
        var command = new Command("active-learning",
            "Simulate the labelling loop on a labelled corpus (labels hidden until picked) and write learning curves per selection strategy.");
        source.AddTo(command);
        foreach (var option in new Option[] { labels, labelSet, views, strategies, roundSize, budget, repeats, temperature, pretrainEpochs, pretrainPatience, folds, padding, seed, output, work })
            command.Options.Add(option);

        command.SetAction((parse, ct) => CliRunner.Run(async () =>
        {
            var quick = ActiveLearningConfiguration.Quick(ReproduceCommand.List(parse.GetValue(views)!));
            var configuration = quick with
            {
                Strategies = ReproduceCommand.List(parse.GetValue(strategies)!),
                RoundSize = parse.GetValue(roundSize),
                Budget = parse.GetValue(budget),
                Repeats = parse.GetValue(repeats),
                Seed = parse.GetValue(seed),
                Pretraining = quick.Pretraining with
                {
                    Temperature = parse.GetValue(temperature), MaxEpochs = parse.GetValue(pretrainEpochs), Patience = parse.GetValue(pretrainPatience),
                    Padding = ReproduceCommand.ParsePadding(parse.GetValue(padding)!),
                },
                Folds = parse.GetValue(folds) switch
                {
                    "session" => FoldScheme.LeaveOneSessionOut,
                    "speaker" => FoldScheme.LeaveOneSpeakerOut,
                    var other => throw new CliUsageException($"--folds must be 'session' or 'speaker', not '{other}'."),
                },
            };
            var problems = configuration.Problems();
            if (problems.Count > 0) throw new CliUsageException(string.Join(Environment.NewLine, problems));

            await using var settings = CliSettings.Load();
            var corpus = await CorpusLoading.LoadAsync(source, parse, settings, ct);
            var labelChoice = ReproduceCommand.ChooseLabels(corpus, parse.GetValue(labels), parse.GetValue(labelSet));
            var (usable, features, _) = CliFeatures.Extract(settings, corpus, configuration.Views, configuration.Pretraining.Padding, "features", ct);
            var input = new ProtocolInput(usable, labelChoice, features);

            var workFolder = parse.GetValue(work)?.FullName ?? Path.Combine(settings.DataFolder, "work");
            var report = ConsoleProgress.Run("simulation", progress => new ActiveLearningSimulation(workFolder).Run(configuration, input,
                new InlineProgress<ProtocolProgress>(p => progress.Report((p.Done, p.Total, $"{p.Step} ({TimeLeftText.Left(p.EstimatedRemaining)})"))), ct));

            var folder = parse.GetValue(output)!.FullName;
            var written = ActiveLearningReportWriter.Write(report, folder);
            PrintAreas(LearningCurveSummary.Areas(report.Runs, ActiveLearningReportWriter.ReferenceOf(report.Runs)));
            AnsiConsole.MarkupLine($"{report.Runs.Count} curve points in {report.Elapsed:hh\\:mm\\:ss}; report: [bold]{Markup.Escape(Path.Combine(folder, "report.md"))}[/] ({written.Count} files)");
            return 0;
        }));
        return command;
    }

    private static void PrintAreas(IReadOnlyList<CurveAreaRow> rows)
    {
        var table = new Table().AddColumns("view", "strategy", "AULC", "AULC − reference (paired)", "labels to reach reference");
        foreach (var r in rows)
            table.AddRow(Markup.Escape(r.View), Markup.Escape(r.Strategy), $"{ReportTable.Number(r.AulcMean, 3)} ± {ReportTable.Number(r.AulcCi95, 3)}",
                double.IsNaN(r.DeltaMean) ? "" : $"{ReportTable.Number(r.DeltaMean, 3)} ± {ReportTable.Number(r.DeltaCi95, 3)}",
                r.LabelsToReachReference?.ToString(CultureInfo.InvariantCulture) ?? "not reached");
        AnsiConsole.Write(table);
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Egemaps;
using PairwiseCL.Core.Views.Extraction;
using PairwiseCL.Core.Performance;
using TorchSharp;
using Spectre.Console;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Cli.Commands;

/// <summary>
/// `pairwisecl bench`: the numbers README's performance section quotes, measured on this machine:
/// feature extraction throughput per view (one worker and all cores), t-SNE on the reference digits beside
/// the reference's time, and optionally the whole quick protocol on EmoDB.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] Sections = ["extraction", "egemaps", "tsne", "step", "training", "padding", "protocol"];

    public static Command Create()
    {
        var shared = new Option<DirectoryInfo>("--shared") { Description = "The shared data folder (EmoDB and references).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared")) };
        var only = new Option<string>("--only") { Description = $"Sections to run, comma-separated: {string.Join(", ", Sections)}.", DefaultValueFactory = _ => "extraction,egemaps,tsne,step,training" };
        var views = new Option<string>("--views") { Description = "Views whose extraction is timed.", DefaultValueFactory = _ => string.Join(",", FeatureViewCatalog.Names.Where(n => n != "wav2vec2")) };
        var json = new Option<FileInfo?>("--json") { Description = "Also write every figure (ours, reference, ratio) as JSON here, to compare two commits." };
        var smile = new Option<FileInfo?>("--smilextract") { Description = "openSMILE's SMILExtract for the eGeMAPS reference (default: $SMILEXTRACT, then PATH)." };
        var smileConfig = new Option<FileInfo?>("--smile-config") { Description = "openSMILE's config/egemaps/v02/eGeMAPSv02.conf (default: found above the SMILExtract binary)." };
        var command = new Command("bench", "Measure extraction throughput, t-SNE speed and (with --only protocol) the quick protocol on this machine, each beside its reference where installed.");
        foreach (var option in new Option[] { shared, only, views, json, smile, smileConfig }) command.Options.Add(option);
        command.SetAction((parse, ct) => CliRunner.Run(() =>
        {
            var folder = parse.GetValue(shared)!.FullName;
            var emodb = Path.Combine(folder, "data", "emodb-dev", "wav");
            if (!Directory.Exists(emodb)) throw new CliUsageException($"No EmoDB audio at {emodb}; point --shared at the shared data folder.");
            var sections = parse.GetValue(only)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = sections.Except(Sections).ToList();
            if (unknown.Count > 0) throw new CliUsageException($"Unknown section(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Sections)}.");
            AnsiConsole.MarkupLine($"[bold]bench[/] on {Environment.ProcessorCount} core(s), .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
            var machine = new Dictionary<string, string>
            {
                ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
                ["dotnet"] = Environment.Version.ToString(),
                ["utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["load_average_at_start"] = LoadAverage(),
            };
            var figures = new BenchFigures();
            var corpus = new EmoDbImporter(emodb).Import(ct: ct).Corpus;

            if (sections.Contains("extraction"))
                Extraction(corpus, parse.GetValue(views)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), figures, ct);
            if (sections.Contains("egemaps"))
            {
                EgemapsProfile(emodb, ct);
                EgemapsBesideOpenSmile(emodb, parse.GetValue(smile)?.FullName, parse.GetValue(smileConfig)?.FullName, figures, ct);
            }
            if (sections.Contains("tsne"))
                TsneOnDigits(Path.Combine(folder, "data", "reference", "tsne"), figures, ct);
            if (sections.Contains("step"))
                TrainingStep(figures, ct);
            if (sections.Contains("training"))
                Training(ct);
            if (sections.Contains("padding"))
                Padding(corpus, figures, ct);
            if (sections.Contains("protocol"))
                QuickProtocol(corpus, figures, ct);
            Print(figures);
            if (parse.GetValue(json) is { } path)
            {
                figures.WriteJson(path.FullName, machine);
                AnsiConsole.MarkupLine($"figures written to {Markup.Escape(path.FullName)}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>Our log-mel extraction beside torchaudio's MelSpectrogram over the same WAV files with as many workers.</summary>
    private static BenchFigure TorchaudioLogMel(Corpus corpus, int workers, double ours)
    {
        var (torchaudio, missing) = ExternalReferences.RunPythonScript("torchaudio_logmel.py", "torchaudio",
            ["--folder", corpus.AudioRoot, "--workers", workers.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(10));
        return new BenchFigure("extraction", $"mel, {workers} worker(s), emodb-dev", "wall s", ours,
            "torchaudio MelSpectrogram, 15 s inputs (tools/bench/torchaudio_logmel.py)", torchaudio?.GetProperty("seconds").GetDouble(), missing);
    }

    private static void Extraction(Corpus corpus, IReadOnlyList<string> views, BenchFigures figures, CancellationToken ct)
    {
        var table = new Table().AddColumns("view", "workers", "utterances", "audio s", "wall s", "audio s per wall s");
        foreach (var name in views)
        foreach (var workers in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var view = FeatureViewCatalog.Create(name);
            var cache = Directory.CreateTempSubdirectory("pwcl-bench-").FullName;
            try
            {
                var extractor = new FeatureExtractor(new FeatureCache(cache));
                extractor.GetFeatures(corpus, corpus.Utterances[0], view, cancellationToken: ct); // load native code before timing
                var summary = extractor.ExtractAll(corpus, view, new ExtractionOptions(workers), cancellationToken: ct);
                table.AddRow(name, workers.ToString(), summary.Extracted.ToString(), F(summary.AudioSeconds), F(summary.Elapsed.TotalSeconds), F(summary.AudioSecondsPerSecond));
                figures.Add(name == ViewNames.Mel
                    ? TorchaudioLogMel(corpus, workers, summary.Elapsed.TotalSeconds)
                    : new BenchFigure("extraction", $"{name}, {workers} worker(s), emodb-dev", "wall s", summary.Elapsed.TotalSeconds, "none", null, "no reference implementation measured"));
            }
            finally
            {
                Directory.Delete(cache, recursive: true);
            }
        }
        AnsiConsole.Write(new Panel(table).Header("feature extraction over emodb-dev (cache empty, first utterance excluded)"));
    }

    /// <summary>
    /// eGeMAPS on one thread over emodb-dev: wall time, decoding included, and where it goes per stage (a profile:
    /// the stages are timed inside one run, so their sum is the extraction's time without decoding).
    /// </summary>
    private static void EgemapsProfile(string emodb, CancellationToken ct)
    {
        var inputs = EgemapsInputs.Resolve(emodb);
        var extractor = new EgemapsExtractor();
        extractor.Extract(WavReader.Read(inputs[0].AudioPath), ct); // JIT and static tables before timing
        var times = new EgemapsStageTimes();
        var decoding = 0.0;
        var audio = 0.0;
        var clock = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            var start = clock.Elapsed.TotalSeconds;
            var clip = WavReader.Read(input.AudioPath);
            decoding += clock.Elapsed.TotalSeconds - start;
            audio += clip.DurationSeconds;
            extractor.Extract(clip, times, ct);
        }
        var wall = clock.Elapsed.TotalSeconds;
        var table = new Table().AddColumns("stage", "s", "share");
        table.AddRow("decode WAV", F(decoding), (decoding / wall).ToString("P0", CultureInfo.InvariantCulture));
        foreach (var (stage, seconds) in times.Seconds)
            table.AddRow(stage.ToString(), F(seconds), (seconds / wall).ToString("P0", CultureInfo.InvariantCulture));
        table.AddRow("total (1 thread)", F(wall), $"{audio / wall:F0} audio s per s");
        AnsiConsole.Write(new Panel(table).Header($"eGeMAPS over {inputs.Count} emodb-dev clips ({audio:F0} s of audio), one thread, per stage"));
    }

    /// <summary>
    /// eGeMAPS beside openSMILE's SMILExtract on the same audio, one core each, interleaved rounds (medians): ours in
    /// this process over emodb-dev's files, SMILExtract in one process over the same clips joined into one WAV (its
    /// batch cost, without 188 process starts). CPU seconds are the per-core figure; wall seconds follow the load.
    /// </summary>
    private static void EgemapsBesideOpenSmile(string emodb, string? binary, string? config, BenchFigures figures, CancellationToken ct)
    {
        var inputs = EgemapsInputs.Resolve(emodb);
        var clips = inputs.Select(i => WavReader.Read(i.AudioPath)).ToList();
        var audio = clips.Sum(c => c.DurationSeconds);
        var name = $"eGeMAPS, {inputs.Count} emodb-dev clips ({audio:F0} s of audio), 1 core";
        var (smile, smileConfig, missing) = ExternalReferences.SmileExtract(binary, config);
        var extractor = new EgemapsExtractor();
        extractor.Extract(clips[0], ct); // JIT and static tables before timing
        var work = Directory.CreateTempSubdirectory("pwcl-bench-smile-").FullName;
        try
        {
            var joined = Path.Combine(work, "joined.wav");
            WavWriter.WritePcm16(joined, new AudioClip(clips.SelectMany(c => c.Samples).ToArray(), clips[0].SampleRate));
            var ours = new List<(double Cpu, double Wall)>();
            var reference = new List<(double Cpu, double Wall)>();
            for (var round = 0; round < 3; round++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                foreach (var input in inputs) extractor.Extract(WavReader.Read(input.AudioPath), ct);
                ours.Add(((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, clock.Elapsed.TotalSeconds));
                if (smile is null) continue;
                var children = ExternalReferences.ChildrenCpuSeconds();
                clock.Restart();
                var run = ExternalReferences.Run(smile, ["-C", smileConfig!, "-I", joined, "-csvoutput", Path.Combine(work, $"out{round}.csv"), "-l", "1"], TimeSpan.FromMinutes(10));
                if (run is not { ExitCode: 0 })
                {
                    missing = run is null ? "SMILExtract timed out" : $"SMILExtract failed: {run.Value.Error.Trim().Split('\n').Last()}";
                    smile = null;
                    continue;
                }
                reference.Add((ExternalReferences.ChildrenCpuSeconds() - children, clock.Elapsed.TotalSeconds));
            }
            var referenceName = "SMILExtract, eGeMAPSv02.conf, the clips as one WAV";
            figures.Add(new BenchFigure("egemaps", name + ", CPU", "CPU s", Median(ours.Select(o => o.Cpu)), referenceName,
                smile is null ? null : Median(reference.Select(r => r.Cpu)), missing));
            figures.Add(new BenchFigure("egemaps", name + ", wall", "wall s", Median(ours.Select(o => o.Wall)), referenceName,
                smile is null ? null : Median(reference.Select(r => r.Wall)), missing));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void TsneOnDigits(string reference, BenchFigures figures, CancellationToken ct)
    {
        var result = TsneBenchmark.RunOnReference(reference, cancellationToken: ct);
        var (sklearn, missing) = ExternalReferences.RunPythonScript("sklearn_tsne.py", "sklearn", ["--x", Path.Combine(reference, "digits_x.csv")], TimeSpan.FromMinutes(20));
        var referenceSeconds = sklearn?.GetProperty("seconds").GetDouble();
        figures.Add(new BenchFigure("tsne", $"t-SNE, {result.Points} x {result.Features} digits ({result.Method})", "wall s", result.Seconds,
            "scikit-learn TSNE (tools/bench/sklearn_tsne.py)", referenceSeconds,
            missing is null ? null : $"{missing}; stored reference {result.ReferenceSeconds:F2} s, not this run"));
        var table = new Table().AddColumns("", "PairwiseCL", "reference (scikit-learn, 2 cores)");
        table.AddRow("points x features", $"{result.Points} x {result.Features} ({result.Method})", "");
        table.AddRow("seconds", F(result.Seconds), F(result.ReferenceSeconds));
        table.AddRow("trustworthiness (k=10)", result.Trustworthiness.ToString("F4", CultureInfo.InvariantCulture), result.ReferenceTrustworthiness.ToString("F4", CultureInfo.InvariantCulture));
        table.AddRow("5-NN accuracy (5-fold)", result.KnnAccuracy.ToString("F4", CultureInfo.InvariantCulture), result.ReferenceKnnAccuracy.ToString("F4", CultureInfo.InvariantCulture));
        AnsiConsole.Write(new Panel(table).Header("t-SNE on the 8x8 digits"));
    }

    /// <summary>One Adam step of the mel CNN + projection head beside PyTorch on the same layers and shapes, same thread count.</summary>
    private static void TrainingStep(BenchFigures figures, CancellationToken ct)
    {
        var threads = (int)torch.get_num_threads();
        var step = TrainingStepBenchmark.MedianStepSeconds(cancellationToken: ct);
        var name = $"mel CNN + projection head, one Adam step, batch 128 x 64 x 1501, {threads} thread(s), median of 5";
        // Against the same masked algorithm (is our implementation at the library's limit?) and against PyTorch's
        // fused batch norm (what padding invariance costs).
        foreach (var (masked, label) in new[] { (true, "the same masked batch norm and pooling"), (false, "fused, unmasked batch norm") })
        {
            string[] arguments = masked ? ["--threads", threads.ToString(CultureInfo.InvariantCulture), "--masked"] : ["--threads", threads.ToString(CultureInfo.InvariantCulture)];
            var (pytorch, missing) = ExternalReferences.RunPythonScript("torch_training_step.py", "torch", arguments, TimeSpan.FromMinutes(10));
            figures.Add(new BenchFigure("training", name, "wall s", step,
                $"PyTorch, {label} (tools/bench/torch_training_step.py{(masked ? " --masked" : "")})", pytorch?.GetProperty("seconds_median").GetDouble(), missing));
        }
    }

    private static void Training(CancellationToken ct)
    {
        var result = ConsoleProgress.Run("training benchmark", progress =>
            TrainingBenchmarks.Run(new TrainingBenchmarkConfig(), progress: new InlineProgress<string>(step => progress.Report((0, 1, step))), cancellationToken: ct));
        var epochs = new Table().AddColumns("views", "kind", "utterances", "wall s / epoch", "wall s / epoch / 1000 utt.", "CPU s / epoch");
        foreach (var e in result.Epochs)
            epochs.AddRow(e.Views, e.Kind, e.Utterances.ToString(), F(e.SecondsPerEpoch), F(e.SecondsPerEpochPer1000), F(e.CpuSecondsPerEpoch));
        AnsiConsole.Write(new Panel(epochs).Header($"training epochs on {result.Device}, {result.Threads} thread(s), full-length random features of the paper's shapes"));
        var runs = new Table().AddColumns("view", "encoder", "train / validation", "epochs", "wall s", "wall s / epoch", "CPU s");
        foreach (var f in result.FineTuning)
            runs.AddRow(f.View, f.FrozenEncoder ? "frozen" : "tuned", $"{f.Training} / {f.Validation}", f.Epochs.ToString(), F(f.Seconds), F(f.SecondsPerEpoch), F(f.CpuSeconds));
        AnsiConsole.Write(new Panel(runs).Header("fine-tuning runs"));
    }

    /// <summary>
    /// Pre-training epochs (mel + eGeMAPS) per 1000 utterances, the paper's 15 s batches against length buckets,
    /// on emodb-dev's clip durations (all 2.0 s: nothing to bucket) and on EmoDB-like durations (log-normal, mean
    /// 2.77 s, 1.2-9 s, the full corpus's published range); interleaved so that load from other work falls on both
    /// alike; medians of three. The 15 s row is the worst case of either policy (every clip 15 s long).
    /// </summary>
    private static void Padding(Corpus corpus, BenchFigures figures, CancellationToken ct)
    {
        var sets = new (string Name, double[] Seconds)[]
        {
            ($"emodb-dev ({corpus.Utterances.Count} clips, mean {corpus.Utterances.Average(u => u.DurationSeconds):F2} s)", corpus.Utterances.Select(u => u.DurationSeconds).ToArray()),
            ("EmoDB-like (log-normal, mean 2.77 s, 1.2-9 s)", TrainingBenchmarks.LogNormalDurations(535, 2.77, 0.45, 1.2, 9.0)),
        };
        var config = new TrainingBenchmarkConfig(Utterances: 512, Epochs: 3);
        string[] views = [ViewNames.Mel, ViewNames.Egemaps];
        BatchPadding[] policies = [BatchPadding.Fixed15s, BatchPadding.Bucketed];
        var times = sets.SelectMany(_ => policies).Select(_ => new List<EpochTiming>()).ToArray();
        var loads = new List<string>();
        EpochTiming? full = null;
        ConsoleProgress.Run("padding benchmark", progress =>
        {
            for (var round = 0; round < 3; round++)
                for (var set = 0; set < sets.Length; set++)
                    for (var policy = 0; policy < policies.Length; policy++)
                    {
                        progress.Report((round, 3, $"{sets[set].Name}, {policies[policy]}"));
                        loads.Add(LoadAverage());
                        times[set * policies.Length + policy].Add(TrainingBenchmarks.TimePretraining(views, sets[set].Seconds, policies[policy], config, cancellationToken: ct));
                    }
            full = TrainingBenchmarks.TimePretraining(views, [15.0], BatchPadding.Fixed15s, config, cancellationToken: ct);
            return 0;
        });
        var table = new Table().AddColumns("clip durations", "padding", "wall s / epoch / 1000 utt. (median)", "runs", "CPU s / epoch", "Fixed15s / Bucketed");
        for (var set = 0; set < sets.Length; set++)
        {
            var fixedMedian = Median(times[set * policies.Length].Select(r => r.SecondsPerEpochPer1000));
            for (var policy = 0; policy < policies.Length; policy++)
            {
                var runs = times[set * policies.Length + policy];
                var median = Median(runs.Select(r => r.SecondsPerEpochPer1000));
                table.AddRow(policy == 0 ? sets[set].Name : "", policies[policy].ToString(), F(median), string.Join(" ", runs.Select(r => F(r.SecondsPerEpochPer1000))),
                    F(Median(runs.Select(r => r.CpuSecondsPerEpoch))), policy == 0 ? "" : F(fixedMedian / median));
                if (policy > 0)
                    figures.Add(new BenchFigure("padding", $"pre-training epoch per 1000 utterances, mel + eGeMAPS, {sets[set].Name}, {policies[policy]}", "wall s",
                        median, "the paper's Fixed15s padding", fixedMedian));
            }
        }
        table.AddRow("every clip 15 s", "either", F(full!.SecondsPerEpochPer1000), "1 run", F(full.CpuSecondsPerEpoch), "");
        AnsiConsole.Write(new Panel(table).Header($"pre-training epoch, mel + eGeMAPS, {Environment.ProcessorCount} cores; load average during the runs {string.Join(" ", loads)}"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static void QuickProtocol(Corpus corpus, BenchFigures figures, CancellationToken ct)
    {
        var views = FeatureViewCatalog.Names.Where(n => n != "wav2vec2").ToList();
        var labels = new LabelSet("emodb-4", ["neutral", "anger", "sadness", "happiness"]);
        var clock = Stopwatch.StartNew();
        var cache = Directory.CreateTempSubdirectory("pwcl-bench-").FullName;
        try
        {
            var extractor = new FeatureExtractor(new FeatureCache(Path.Combine(cache, "features")));
            var input = ProtocolFeatures.Input(extractor, corpus, labels, views.Select(v => FeatureViewCatalog.Create(v)).ToList(), cancellationToken: ct);
            var extraction = clock.Elapsed;
            var report = ConsoleProgress.Run("quick protocol", progress => new ProtocolRunner(Path.Combine(cache, "work"))
                .Run(ProtocolConfiguration.Quick(views), input,
                    new InlineProgress<ProtocolProgress>(p => progress.Report((p.Done, p.Total, p.Step))), ct));
            ReportWriter.Write(report, Path.Combine(cache, "report"));
            var table = new Table().AddColumns("", "seconds");
            table.AddRow($"feature extraction ({string.Join("+", views)})", F(extraction.TotalSeconds));
            table.AddRow($"protocol ({report.Runs.Count} fine-tuning runs, 4 folds)", F(report.Elapsed.TotalSeconds));
            table.AddRow("total incl. report", F(clock.Elapsed.TotalSeconds));
            figures.Add(new BenchFigure("protocol", "reproduce --quick on emodb-dev, total", "wall s", clock.Elapsed.TotalSeconds, "none", null, "no reference implementation measured"));
            AnsiConsole.Write(new Panel(table).Header("reproduce --quick on emodb-dev (4 classes)"));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static void Print(BenchFigures figures)
    {
        if (figures.All.Count == 0) return;
        var table = new Table().AddColumns("figure", "ours", "reference, same run", "reference / ours");
        foreach (var f in figures.All)
            table.AddRow(Markup.Escape($"{f.Section}: {f.Name}"), $"{F(f.Ours)} {f.Unit}",
                Markup.Escape(f.Reference is { } r ? $"{F(r)} {f.Unit}: {f.ReferenceName}" : $"n/a: {f.Note ?? f.ReferenceName}"),
                f.Ratio is { } ratio ? $"{ratio:F2}x" : "");
        AnsiConsole.Write(new Panel(table).Header("ours beside the references (ratio above 1: ours needs less)"));
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}

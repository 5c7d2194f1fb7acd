using System.Diagnostics;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Views;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>What to time: the paper's feature sizes by default, a few epochs on random features.</summary>
public sealed record TrainingBenchmarkConfig(
    int Utterances = 512,
    int Epochs = 3,
    int BatchSize = 128,
    int MelFrames = 1501,
    int Wav2Vec2Frames = 225,
    int FineTuneTraining = 110,
    int FineTuneValidation = 1000,
    int Classes = 4,
    int Seed = 0)
{
    /// <summary>View sets to pre-train; single views are timed as supervised training of their encoder.</summary>
    public IReadOnlyList<string[]> ViewSets { get; init; } =
    [
        [ViewNames.Mel],
        [ViewNames.Egemaps],
        [ViewNames.Wav2Vec2],
        [ViewNames.Mel, ViewNames.Egemaps],
        [ViewNames.Wav2Vec2, ViewNames.Egemaps],
    ];

    /// <summary>Views whose fine-tuning runs (frozen and tuned) are timed.</summary>
    public IReadOnlyList<string> FineTuneViews { get; init; } = [ViewNames.Egemaps, ViewNames.Mel, ViewNames.Wav2Vec2];
}

/// <summary>
/// Training cost of one view set: wall seconds per epoch, also scaled to 1000 training utterances, and the
/// process CPU seconds per epoch (averaged over all epochs), which a machine shared with other work inflates less.
/// </summary>
public sealed record EpochTiming(string Views, string Kind, int Utterances, double SecondsPerEpoch, double SecondsPerEpochPer1000, double CpuSecondsPerEpoch);

/// <summary>Cost of one fine-tuning run with a fixed epoch count (no early stopping).</summary>
public sealed record FineTuneTiming(string View, bool FrozenEncoder, int Training, int Validation, int Epochs, double Seconds, double SecondsPerEpoch, double CpuSeconds);

public sealed record TrainingBenchmarkResult(string Device, int Threads, IReadOnlyList<EpochTiming> Epochs, IReadOnlyList<FineTuneTiming> FineTuning);

/// <summary>
/// Times the real training code (collation, forward, backward, Adam, validation) on random features of the
/// paper's shapes. Epoch times exclude the first epoch, which pays one-off allocation costs. Random
/// utterances are reused cyclically so even wav2vec 2.0 inputs (13 x 225 x 768) fit in memory.
/// </summary>
public static class TrainingBenchmarks
{
    private const int DistinctUtterances = 16;

    public static TrainingBenchmarkResult Run(TrainingBenchmarkConfig config, Device? device = null, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (config.Epochs < 2)
            throw new ArgumentOutOfRangeException(nameof(config), config.Epochs, "Timing needs at least two epochs (the first is warm-up).");
        device ??= TrainingDevice.Default;
        var architecture = ModelArchitecture.Paper;
        var epochs = new List<EpochTiming>();
        foreach (var views in config.ViewSets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"training epochs: {string.Join("+", views)}");
            epochs.Add(TimeEpochs(views, architecture, config, device, cancellationToken));
        }

        var fineTuning = new List<FineTuneTiming>();
        foreach (var view in config.FineTuneViews)
            foreach (var frozen in new[] { true, false })
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report($"fine-tuning run: {view} ({(frozen ? "frozen" : "tuned")})");
                fineTuning.Add(TimeFineTuning(view, frozen, architecture, config, device, cancellationToken));
            }
        return new TrainingBenchmarkResult(device.type.ToString(), get_num_threads(), epochs, fineTuning);
    }

    /// <summary>
    /// A pre-training epoch of <paramref name="views"/> on random features of real clip durations (each trimmed to
    /// 15 s like the paper's), batched the given way: what <see cref="BatchPadding.Bucketed"/> saves on a corpus.
    /// The durations are used cyclically for <see cref="TrainingBenchmarkConfig.Utterances"/> utterances.
    /// </summary>
    public static EpochTiming TimePretraining(string[] views, IReadOnlyList<double> clipSeconds, BatchPadding padding, TrainingBenchmarkConfig config,
        Device? device = null, CancellationToken cancellationToken = default)
    {
        if (views.Length < 2) throw new ArgumentException("Pre-training needs at least two views.", nameof(views));
        if (clipSeconds.Count == 0) throw new ArgumentException("Give at least one clip duration.", nameof(clipSeconds));
        var frames = clipSeconds.Select(s => Math.Clamp(1 + (int)(Math.Min(s, 15) * 16_000) / 160, 1, config.MelFrames)).ToArray();
        return TimeEpochs(views, ModelArchitecture.Paper, config, device ?? TrainingDevice.Default, cancellationToken, frames, padding);
    }

    /// <summary>
    /// Clip durations of a corpus known only by its published statistics: log-normal with the given mean and
    /// spread, clamped to [min, max] seconds, reproducible for a seed.
    /// </summary>
    public static double[] LogNormalDurations(int count, double meanSeconds, double sigma, double minSeconds, double maxSeconds, int seed = 0)
    {
        var random = new Random(seed);
        var mu = Math.Log(meanSeconds) - sigma * sigma / 2;
        return Enumerable.Range(0, count).Select(_ =>
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return Math.Clamp(Math.Exp(mu + sigma * gaussian), minSeconds, maxSeconds);
        }).ToArray();
    }

    private static EpochTiming TimeEpochs(string[] views, ModelArchitecture architecture, TrainingBenchmarkConfig config, Device device, CancellationToken cancellationToken,
        int[]? melFrames = null, BatchPadding padding = BatchPadding.Fixed15s)
    {
        var training = RandomDataset(views, config.Utterances, config, seed: 1, melFrames);
        IReadOnlyList<EpochRecord> history;
        string kind;
        var cpu = CpuClock.Start();
        if (views.Length >= 2)
        {
            kind = "pre-training";
            var validation = RandomDataset(views, 2, config, seed: 2);
            var pretraining = new PretrainingConfig(MaxEpochs: config.Epochs, BatchSize: config.BatchSize, Patience: config.Epochs, Seed: config.Seed, Padding: padding);
            history = new Pretrainer(device).Run(views, architecture, training, validation, pretraining, cancellationToken: cancellationToken).History;
        }
        else
        {
            kind = "supervised";
            var validation = RandomDataset(views, config.Classes, config, seed: 2);
            var supervised = new FineTuningConfig(MaxEpochs: config.Epochs, BatchSize: config.BatchSize, Patience: config.Epochs, Seed: config.Seed,
                RefitOnTrainingAndValidation: false); // times one run; a refit would add its epochs to the wall time
            history = new FineTuner(device).TrainSupervised(views[0], architecture, config.Classes, training, validation, supervised, cancellationToken: cancellationToken).History;
        }
        var perEpoch = history.Skip(1).Average(h => h.Seconds);
        return new EpochTiming(string.Join("+", views), kind, config.Utterances, perEpoch, perEpoch * 1000 / config.Utterances, cpu.Seconds / history.Count);
    }

    private static FineTuneTiming TimeFineTuning(string view, bool frozen, ModelArchitecture architecture, TrainingBenchmarkConfig config, Device device, CancellationToken cancellationToken)
    {
        var training = RandomDataset([view], config.FineTuneTraining, config, seed: 3);
        var validation = RandomDataset([view], config.FineTuneValidation, config, seed: 4);
        var encoder = SeededModules.Build(config.Seed, () => architecture.CreateEncoder(view));
        var fineTuning = new FineTuningConfig(FreezeEncoder: frozen, MaxEpochs: config.Epochs, BatchSize: config.BatchSize, Patience: config.Epochs, Seed: config.Seed,
                RefitOnTrainingAndValidation: false); // times one run; a refit would add its epochs to the wall time
        var clock = Stopwatch.StartNew();
        var cpu = CpuClock.Start();
        var result = new FineTuner(device).FineTune(encoder, view, architecture, config.Classes, training, validation, fineTuning, cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        return new FineTuneTiming(view, frozen, config.FineTuneTraining, config.FineTuneValidation, result.History.Count, seconds, result.History.Skip(1).Average(h => h.Seconds), cpu.Seconds);
    }

    /// <param name="melFrames">Valid mel frames of the utterances (cyclically); null: every utterance full length.</param>
    private static MultiViewDataset RandomDataset(string[] views, int count, TrainingBenchmarkConfig config, int seed, int[]? melFrames = null)
    {
        var random = new Random(seed);
        var distinct = Math.Min(count, DistinctUtterances);
        var features = views.ToDictionary(v => v, v =>
        {
            var pool = Enumerable.Range(0, distinct).Select(_ => RandomUtterance(v, config, random)).ToArray();
            // The values repeat; each utterance gets its own length (the data array is shared, not copied).
            return (IReadOnlyList<FeatureMatrix>)Enumerable.Range(0, count).Select(i => v == ViewNames.Mel && melFrames is not null
                ? pool[i % distinct] with { ValidFrames = melFrames[i % melFrames.Length] }
                : pool[i % distinct]).ToArray();
        });
        return new MultiViewDataset(features, Enumerable.Range(0, count).Select(i => i % config.Classes).ToArray());
    }

    private static FeatureMatrix RandomUtterance(string view, TrainingBenchmarkConfig config, Random random)
    {
        int[] shape = view switch
        {
            ViewNames.Mel => [ModelArchitecture.Paper.Mel.MelBands, config.MelFrames],
            ViewNames.Egemaps => [ModelArchitecture.Paper.Egemaps.InputSize],
            ViewNames.Wav2Vec2 => [ModelArchitecture.Paper.Wav2Vec2.Layers, config.Wav2Vec2Frames, ModelArchitecture.Paper.Wav2Vec2.FeatureSize],
            _ => throw new ArgumentException($"Unknown view '{view}'.", nameof(view)),
        };
        var data = new float[shape.Aggregate(1, (n, d) => n * d)];
        for (var i = 0; i < data.Length; i++)
            data[i] = (float)(random.NextDouble() * 2 - 1);
        // Full-length utterances: the worst case the paper's 15 s trim/pad produces.
        return new FeatureMatrix(shape, data, shape.Length == 1 ? 1 : shape[1]);
    }

    /// <summary>CPU time this process used since <see cref="Start"/>, over all its threads.</summary>
    private sealed class CpuClock
    {
        private readonly TimeSpan start = Process.GetCurrentProcess().TotalProcessorTime;

        public static CpuClock Start() => new();

        public double Seconds => (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;
    }
}

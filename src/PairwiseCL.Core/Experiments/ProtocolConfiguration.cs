using System.Text.Json.Serialization;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// The paper's evaluation protocol as one immutable, serialisable record; its hash keys the work folder's
/// checkpoints and run results, so the same configuration and seed give the same numbers and an
/// interrupted protocol resumes where it stopped.
/// </summary>
/// <param name="Views">Views pre-trained together and fine-tuned one by one (mel, egemaps, wav2vec2).</param>
/// <param name="Methods">Any of supervised, pairwise-tuned, pairwise-frozen.</param>
/// <param name="FractionsPercent">Label fractions p (percent of each class's training items).</param>
/// <param name="Repeats">Repeats per fraction, each with its own seed and labelled subset.</param>
/// <param name="Temperature">tau of the pre-training behind the sparse-label sweep (the paper's best, 0.5).</param>
/// <param name="TemperatureGrid">Table 1's grid; the other temperatures are evaluated at the largest fraction only.</param>
/// <param name="OutOfDistribution">Also pre-train on the target emotions only and on the other emotions only (Figure 4).</param>
/// <param name="Analysis">Compute t-SNE maps and PWCCA on the first fold's test session.</param>
public sealed record ProtocolConfiguration(
    IReadOnlyList<string> Views,
    IReadOnlyList<string> Methods,
    IReadOnlyList<double> FractionsPercent,
    int Repeats,
    double Temperature,
    IReadOnlyList<double> TemperatureGrid,
    bool OutOfDistribution,
    bool Analysis,
    PretrainingConfig Pretraining,
    FineTuningConfig FineTuning,
    ModelArchitecture Architecture,
    int Seed = 0)
{
    public static IReadOnlyList<double> PaperFractions { get; } = [2, 5, 10, 25, 100];

    /// <summary>Leave-one-session-out (the paper's) or leave-one-speaker-out folds; part of the configuration's hash.</summary>
    public FoldScheme Folds { get; init; } = FoldScheme.LeaveOneSessionOut;

    /// <summary>The paper's protocol: all methods, p in {2, 5, 10, 25, 100}%, 10 repeats, tau grid, OOD pre-training.</summary>
    public static ProtocolConfiguration Paper(IReadOnlyList<string> views) => new(
        views, MethodNames.All, PaperFractions, 10, 0.5, [0.1, 0.25, 0.5, 1.0], true, true,
        new PretrainingConfig(), new FineTuningConfig(), ModelArchitecture.Paper);

    /// <summary>Minutes on a 2-core CPU: fewer repeats and epochs, one temperature, no OOD pre-training.</summary>
    public static ProtocolConfiguration Quick(IReadOnlyList<string> views) => new(
        views, MethodNames.All, [10, 25, 100], 2, 0.5, [0.5], false, true,
        new PretrainingConfig(MaxEpochs: 20, Patience: 8), new FineTuningConfig(MaxEpochs: 25, Patience: 8), ModelArchitecture.Paper);

    public void Validate()
    {
        if (Views.Count < 2 && Methods.Any(MethodNames.NeedsPretraining))
            throw new ArgumentException($"Pairwise-CL pre-training needs at least two views; got {string.Join(", ", Views)}.");
        if (Views.Distinct().Count() != Views.Count) throw new ArgumentException($"Views repeat: {string.Join(", ", Views)}.");
        var unknown = Methods.Where(m => !MethodNames.All.Contains(m)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"Unknown method(s) {string.Join(", ", unknown)}; known: {string.Join(", ", MethodNames.All)}.");
        if (Methods.Count == 0) throw new ArgumentException("Name at least one method.");
        if (FractionsPercent.Count == 0 || FractionsPercent.Any(f => !(f > 0 && f <= 100)))
            throw new ArgumentException($"Label fractions must lie in (0, 100] percent; got {string.Join(", ", FractionsPercent)}.");
        if (Repeats is < 1 or > 1000) throw new ArgumentException($"Repeats must be between 1 and 1000; got {Repeats}.");
        if (Pretraining.Padding != FineTuning.Padding)
            throw new ArgumentException($"Pre-training and fine-tuning must batch the same way; got {Pretraining.Padding} and {FineTuning.Padding}.");
        if (!(Temperature > 0) || TemperatureGrid.Any(t => !(t > 0)))
            throw new ArgumentException($"Temperatures must be positive; got {Temperature} and {string.Join(", ", TemperatureGrid)}.");
    }

    /// <summary>The batch padding of pre-training and fine-tuning (<see cref="WithPadding"/> sets both).</summary>
    [JsonIgnore]
    public BatchPadding Padding => Pretraining.Padding;

    /// <summary>This configuration with pre-training and fine-tuning batched the given way.</summary>
    public ProtocolConfiguration WithPadding(BatchPadding padding) =>
        this with { Pretraining = Pretraining with { Padding = padding }, FineTuning = FineTuning with { Padding = padding } };

    /// <summary>The temperatures pre-trained per fold: the sweep's first, then the rest of the grid.</summary>
    public IReadOnlyList<double> AllTemperatures() => new[] { Temperature }.Concat(TemperatureGrid).Distinct().ToList();
}

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

    /// <summary>Throws with every problem of <see cref="Problems"/> in one message, when there is any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
    }

    /// <summary>Everything wrong with this configuration, one plain sentence per problem; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Views.Count < 2 && Methods.Any(MethodNames.NeedsPretraining))
            problems.Add(Views.Count == 0
                ? "Choose two views: Pairwise-CL pre-training needs two, and none is chosen."
                : $"Choose a second view: Pairwise-CL pre-training needs two, and only {Views[0]} is chosen.");
        var repeated = Views.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (repeated.Count > 0) problems.Add($"Each view may be chosen once; {string.Join(", ", repeated)} is chosen more than once.");
        var unknown = Methods.Where(m => !MethodNames.All.Contains(m)).ToList();
        if (unknown.Count > 0) problems.Add($"Unknown method(s) {string.Join(", ", unknown)}; known: {string.Join(", ", MethodNames.All)}.");
        if (Methods.Count == 0) problems.Add("Choose at least one method.");
        var badFractions = FractionsPercent.Where(f => !(f > 0 && f <= 100)).Distinct().ToList();
        if (FractionsPercent.Count == 0) problems.Add("Give at least one label fraction (a percentage above 0 and at most 100).");
        else if (badFractions.Count > 0)
            problems.Add($"Label fractions are percentages above 0 and at most 100; {Listed(badFractions)} {(badFractions.Count == 1 ? "is" : "are")} not.");
        if (Repeats is < 1 or > 1000) problems.Add($"Repeats per fraction must be between 1 and 1000; {Repeats} is not.");
        if (Pretraining.Padding != FineTuning.Padding)
            problems.Add($"Pre-training and fine-tuning must batch the same way; they use {Pretraining.Padding} and {FineTuning.Padding}.");
        var badTemperatures = TemperatureGrid.Prepend(Temperature).Where(t => !(t > 0)).Distinct().ToList();
        if (badTemperatures.Count > 0)
            problems.Add($"Temperatures (tau) must be above 0; {Listed(badTemperatures)} {(badTemperatures.Count == 1 ? "is" : "are")} not.");
        return problems;
    }

    private static string Listed(IEnumerable<double> values) =>
        string.Join(" and ", values.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The batch padding of pre-training and fine-tuning (<see cref="WithPadding"/> sets both).</summary>
    [JsonIgnore]
    public BatchPadding Padding => Pretraining.Padding;

    /// <summary>This configuration with pre-training and fine-tuning batched the given way.</summary>
    public ProtocolConfiguration WithPadding(BatchPadding padding) =>
        this with { Pretraining = Pretraining with { Padding = padding }, FineTuning = FineTuning with { Padding = padding } };

    /// <summary>The temperatures pre-trained per fold: the sweep's first, then the rest of the grid.</summary>
    public IReadOnlyList<double> AllTemperatures() => new[] { Temperature }.Concat(TemperatureGrid).Distinct().ToList();
}

using PairwiseCL.Core.Selection;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>The selection strategies by the names settings, the CLI and reports use.</summary>
public static class SelectionStrategies
{
    public const string Sequential = "sequential", Random = "random", Diversity = "diversity",
        DiversityPerSpeaker = "diversity-per-speaker", Typical = "typical", Uncertainty = "uncertainty", Hybrid = "hybrid";

    public static IReadOnlyList<string> All { get; } = [Sequential, Random, Diversity, DiversityPerSpeaker, Typical, Uncertainty, Hybrid];

    /// <summary>The strategies a learning-curve simulation compares unless told otherwise.</summary>
    public static IReadOnlyList<string> Default { get; } = [Sequential, Random, Diversity, Typical, Uncertainty, Hybrid];

    /// <param name="seed">Seeds the strategies that draw at random (random, typical, hybrid); the others ignore it.</param>
    public static ISelectionStrategy Create(string name, int seed) => name switch
    {
        Sequential => new SequentialSelection(),
        Random => new RandomSelection(seed),
        Diversity => new KCenterGreedySelection(),
        DiversityPerSpeaker => new KCenterGreedySelection(perGroup: true),
        Typical => new TypicalClusterSelection(seed),
        Uncertainty => new UncertaintySelection(UncertaintyMeasure.Margin),
        Hybrid => new BadgeSelection(seed),
        _ => throw new ArgumentException($"Unknown selection strategy '{name}'; known: {string.Join(", ", All)}.", nameof(name)),
    };

    /// <summary>Whether repeats of the strategy can differ (the others give the same picks for every seed).</summary>
    public static bool IsRandomised(string name) => name is Random or Typical or Hybrid;
}

using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;

namespace PairwiseCL.Core.ActiveLearning;

/// <summary>
/// A learning-curve simulation of the labelling loop: per leave-one-session-out fold, Pairwise-CL encoders are
/// pre-trained on the fold's training sessions (labels unused, the test session unseen); each view's frozen
/// representations of the non-test sessions' labelled clips form the pool, whose labels are hidden until a
/// strategy picks the clip; every <see cref="RoundSize"/> picks a classifier is trained and scored on the test
/// session, up to <see cref="Budget"/> clips, <see cref="Repeats"/> times per strategy.
/// </summary>
/// <param name="Views">Views pre-trained together (at least two); each gets its own curves.</param>
/// <param name="Strategies">Names from <see cref="SelectionStrategies.All"/>.</param>
public sealed record ActiveLearningConfiguration(
    IReadOnlyList<string> Views,
    IReadOnlyList<string> Strategies,
    int RoundSize,
    int Budget,
    int Repeats,
    PretrainingConfig Pretraining,
    ModelArchitecture Architecture,
    int Seed = 0)
{
    public FoldScheme Folds { get; init; } = FoldScheme.LeaveOneSessionOut;

    /// <summary>Minutes on a 2-core CPU: the Quick protocol's pre-training (20 epochs, patience 8), k = 4, up to 64 clips, 5 repeats.</summary>
    public static ActiveLearningConfiguration Quick(IReadOnlyList<string> views) => new(
        views, SelectionStrategies.Default, 4, 64, 5, new PretrainingConfig(MaxEpochs: 20, Patience: 8), ModelArchitecture.Paper);

    /// <summary>Every problem with the configuration, in plain words; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Views.Count < 2) problems.Add($"Pairwise-CL pre-training needs at least two views; {Views.Count} given.");
        if (Views.Distinct().Count() != Views.Count) problems.Add($"The views repeat: {string.Join(", ", Views)}.");
        if (Strategies.Count == 0) problems.Add("Name at least one selection strategy.");
        var unknown = Strategies.Where(s => !SelectionStrategies.All.Contains(s)).ToList();
        if (unknown.Count > 0)
            problems.Add($"Unknown selection strateg{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown)}; known: {string.Join(", ", SelectionStrategies.All)}.");
        if (RoundSize is < 1 or > 1000) problems.Add($"The round size must be between 1 and 1000 clips; {RoundSize} given.");
        if (Budget is < 1 or > 100_000) problems.Add($"The budget must be between 1 and 100000 clips; {Budget} given.");
        if (Budget < RoundSize) problems.Add($"The budget ({Budget}) is smaller than one round ({RoundSize}).");
        if (Repeats is < 1 or > 1000) problems.Add($"Repeats must be between 1 and 1000; {Repeats} given.");
        return problems;
    }

    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        Pretraining.Validate();
    }

    /// <summary>The labelled counts a curve reports: every round up to the budget.</summary>
    public IReadOnlyList<int> Counts(int poolSize)
    {
        var last = Math.Min(Budget, poolSize);
        var counts = new List<int>();
        for (var n = RoundSize; n < last; n += RoundSize) counts.Add(n);
        if (last > 0) counts.Add(last);
        return counts;
    }
}

using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Selection;

namespace PairwiseCL.Core.Tests.ActiveLearning;

public sealed class LearningCurveTests
{
    private static readonly string[] Classes = ["anger", "neutral", "sadness", "happiness"];

    /// <summary>Four tight, well-separated clusters, one per class, listed class by class (file order groups the classes).</summary>
    private static RepresentedClips Clusters(int perClass, int seed)
    {
        var random = new Random(seed);
        double[][] centres = [[0, 0, 0], [20, 0, 0], [0, 20, 0], [0, 0, 20]];
        var points = new List<double[]>();
        var labels = new List<int>();
        for (var c = 0; c < centres.Length; c++)
            for (var i = 0; i < perClass; i++)
            {
                points.Add(centres[c].Select(v => v + random.NextDouble() - 0.5).ToArray());
                labels.Add(c);
            }
        return new RepresentedClips(points, labels, labels.Select(l => $"speaker {l % 2}").ToList());
    }

    [Fact]
    public void DiversityLabelsEveryClusterInItsFirstRoundWhileFileOrderStaysAtChance()
    {
        var (pool, test) = (Clusters(10, seed: 1), Clusters(5, seed: 2));

        var diversity = LearningCurveSimulator.Simulate(pool, test, Classes, new KCenterGreedySelection(), roundSize: 4, budget: 12);
        var sequential = LearningCurveSimulator.Simulate(pool, test, Classes, new SequentialSelection(), roundSize: 4, budget: 12);

        Assert.Equal([4, 8, 12], diversity.Select(p => p.Labelled));
        Assert.Equal(1.0, diversity[0].Uar);         // one clip per cluster: a perfect classifier after 4 labels
        Assert.Equal(0.25, sequential[0].Uar);       // four clips of the first class: only "anger" can be predicted
        Assert.Equal(0.5, sequential[2].Uar, 6);     // after 12 clips in file order: anger and neutral only
    }

    [Fact]
    public void TheLoopStopsAtThePoolSizeAndNeverRelabelsAClip()
    {
        var (pool, test) = (Clusters(3, seed: 3), Clusters(2, seed: 4));
        var curve = LearningCurveSimulator.Simulate(pool, test, Classes, new RandomSelection(seed: 7), roundSize: 5, budget: 100);
        Assert.Equal([5, 10, 12], curve.Select(p => p.Labelled));
        Assert.Equal(1.0, curve[^1].Uar);
        Assert.Throws<InvalidOperationException>(() =>
            LearningCurveSimulator.Simulate(pool, test, Classes, new AlwaysTheFirstClip(), roundSize: 2, budget: 4));
    }

    [Fact]
    public void StratifiedCountsFollowTheClassSharesAndNest()
    {
        int[] labels = [.. Enumerable.Repeat(0, 30), .. Enumerable.Repeat(1, 10), .. Enumerable.Repeat(2, 5)];
        var eight = StratifiedCountSampler.Sample(labels, 8, seed: 3);
        var sixteen = StratifiedCountSampler.Sample(labels, 16, seed: 3);

        Assert.Equal(8, eight.Count);
        Assert.Equal(16, sixteen.Count);
        // In proportion to 30 : 10 : 5 with the largest remainders rounded up: 5.33, 1.78, 0.89.
        Assert.Equal([5, 2, 1], Enumerable.Range(0, 3).Select(c => eight.Count(i => labels[i] == c)));
        Assert.Subset(sixteen.ToHashSet(), eight.ToHashSet());
        Assert.Equal(2, StratifiedCountSampler.Sample(labels, 2, seed: 3).Count);
        Assert.Equal(45, StratifiedCountSampler.Sample(labels, 100, seed: 3).Count);
        Assert.NotEqual(eight, StratifiedCountSampler.Sample(labels, 8, seed: 4));
    }

    [Fact]
    public void AreasArePairedWithTheReferenceOnTheSameFoldAndRepeat()
    {
        // One count per loop, so a loop's area is its UAR. Random: two repeats on two folds; diversity is deterministic
        // (one loop per fold), so it is paired with both of random's repeats: differences 0.2, 0.1, 0.2, 0.1.
        CurveRun Run(string strategy, int fold, int repeat, double uar) => new("mel", strategy, fold, $"s{fold}", repeat, 4, uar);
        CurveRun[] runs =
        [
            Run("random", 0, 0, 0.5), Run("random", 0, 1, 0.6), Run("random", 1, 0, 0.3), Run("random", 1, 1, 0.4),
            Run("diversity", 0, 0, 0.7), Run("diversity", 1, 0, 0.5),
        ];
        var diversity = LearningCurveSummary.Areas(runs, "random").Single(a => a.Strategy == "diversity");
        Assert.Equal(0.6, diversity.AulcMean, 12);
        Assert.Equal(0.15, diversity.DeltaMean, 12);
        // t(0.975, 3) = 3.182446, sd of (0.2, 0.1, 0.2, 0.1) = 0.057735, n = 4.
        Assert.Equal(3.182446 * 0.057735 / 2, diversity.DeltaCi95, 5);
        Assert.Equal(4, diversity.LabelsToReachReference);  // random's largest-count mean is 0.45
    }

    [Fact]
    public void AConfigurationNamesEveryProblemAtOnce()
    {
        var configuration = ActiveLearningConfiguration.Quick(["mel"]) with { Strategies = ["magic"], RoundSize = 0, Repeats = 0 };
        var problems = configuration.Problems();
        Assert.Contains(problems, p => p.Contains("two views", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("magic", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("round size", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Repeats", StringComparison.Ordinal));
        Assert.Empty(ActiveLearningConfiguration.Quick(["mel", "egemaps"]).Problems());
    }

    private sealed class AlwaysTheFirstClip : ISelectionStrategy
    {
        public string Name => "broken";

        public IReadOnlyList<SelectionPick> Select(SelectionPool pool, int count, CancellationToken cancellationToken = default) =>
            [new SelectionPick(0, "always the first")];
    }
}

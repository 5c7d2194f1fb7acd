using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Core.Tests.Corpora;

public sealed class LabelFractionSamplerTests
{
    // Unbalanced like IEMOCAP-4 training folds: 400 / 250 / 120 / 7 items.
    private static readonly List<(Utterance Utterance, int ClassIndex)> Training =
        new[] { 400, 250, 120, 7 }.SelectMany((n, c) => Enumerable.Range(0, n)
            .Select(i => (new Utterance($"c{c}_{i:000}", "", 1, "s", "1", $"class{c}"), c))).ToList();

    private static readonly double[] Fractions = [0.02, 0.05, 0.10, 0.25, 1.0];

    [Theory]
    [InlineData(0.02, new[] { 8, 5, 2, 1 })]
    [InlineData(0.05, new[] { 20, 13, 6, 1 })] // 12.5 rounds up, 0.35 is lifted to the minimum of one
    [InlineData(0.10, new[] { 40, 25, 12, 1 })]
    [InlineData(0.25, new[] { 100, 63, 30, 2 })]
    [InlineData(1.00, new[] { 400, 250, 120, 7 })]
    public void TakesTheRoundedFractionOfEveryClassAndAtLeastOne(double fraction, int[] perClass)
    {
        var sample = LabelFractionSampler.Sample(Training, fraction, seed: 3);

        Assert.Equal(perClass, Enumerable.Range(0, 4).Select(c => sample.Count(x => x.ClassIndex == c)));
        Assert.All(sample, x => Assert.Contains(x, Training));
        Assert.Equal(sample.Count, sample.Select(x => x.Utterance.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void SubsetsOfOneSeedAreNested(int seed)
    {
        var subsets = Fractions.Select(p => LabelFractionSampler.Sample(Training, p, seed).Select(x => x.Utterance.Id).ToHashSet()).ToList();

        for (var i = 1; i < subsets.Count; i++) Assert.Subset(subsets[i], subsets[i - 1]);
    }

    [Fact]
    public void SameSeedGivesTheSameSubsetWhateverTheInputOrder()
    {
        var shuffled = Training.OrderBy(x => x.Utterance.Id.GetHashCode()).ToList();

        var a = LabelFractionSampler.Sample(Training, 0.1, seed: 7).Select(x => x.Utterance.Id).Order();
        var b = LabelFractionSampler.Sample(shuffled, 0.1, seed: 7).Select(x => x.Utterance.Id).Order();

        Assert.Equal(a, b);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentSubsetsThatCoverTheClass()
    {
        var subsets = Enumerable.Range(0, 10).Select(seed => LabelFractionSampler.Sample(Training, 0.05, seed)
            .Where(x => x.ClassIndex == 0).Select(x => x.Utterance.Id).ToHashSet()).ToList();

        Assert.Equal(10, subsets.Select(s => string.Join(",", s.Order())).Distinct().Count());
        // Over ten repeats of 20 out of 400, a uniform choice touches well over 100 distinct items.
        Assert.True(subsets.SelectMany(s => s).Distinct().Count() > 150);
    }

    [Fact]
    public void KeepsInputOrder()
    {
        var sample = LabelFractionSampler.Sample(Training, 0.25, seed: 1);

        Assert.Equal(sample.Select(x => Training.IndexOf(x)).Order(), sample.Select(x => Training.IndexOf(x)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void RejectsFractionsOutsideZeroToOne(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelFractionSampler.Sample(Training, fraction, 1));
    }
}

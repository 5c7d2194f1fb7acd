using PairwiseCL.Core.Training;
using static TorchSharp.torch;
using PairwiseCL.Core.Tests.TestSupport;

namespace PairwiseCL.Core.Tests.Training;

[Collection(TorchRandomCollection.Name)]
public sealed class PairwiseContrastiveLossTests
{
    [Fact]
    public void MatchesAnExplicitLoopOverAnchorsForThreeViews()
    {
        using var scope = NewDisposeScope();
        var random = new Random(7);
        var views = Enumerable.Range(0, 3).Select(_ => RandomMatrix(random, 5, 4)).ToArray();
        var loss = new PairwiseContrastiveLoss(0.5);

        var actual = loss.Compute(views.Select(v => tensor(v.SelectMany(r => r).ToArray(), new long[] { 5, 4 })).ToArray()).item<double>();

        Assert.Equal(ReferencePairwiseLoss(views, 0.5), actual, 10);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var random = new Random(3);
        var a = RandomMatrix(random, 4, 3);
        var b = RandomMatrix(random, 4, 3);
        var loss = new PairwiseContrastiveLoss(0.25);

        double[] analytic;
        using (var scope = NewDisposeScope())
        {
            var first = tensor(a.SelectMany(r => r).ToArray(), new long[] { 4, 3 }).requires_grad_();
            var second = tensor(b.SelectMany(r => r).ToArray(), new long[] { 4, 3 });
            loss.Compute([first, second]).backward();
            analytic = first.grad!.data<double>().ToArray();
        }

        const double step = 1e-6;
        for (var index = 0; index < 12; index++)
        {
            var plus = Clone(a); plus[index / 3][index % 3] += step;
            var minus = Clone(a); minus[index / 3][index % 3] -= step;
            var numeric = (ReferencePairwiseLoss([plus, b], 0.25) - ReferencePairwiseLoss([minus, b], 0.25)) / (2 * step);
            Assert.Equal(numeric, analytic[index], 6);
        }
    }

    [Fact]
    public void AlignedOrthogonalEmbeddingsReachTheAnalyticMinimum()
    {
        using var scope = NewDisposeScope();
        const int n = 8;
        const double tau = 0.1;
        // Each utterance its own axis in both views: positive similarity 1, every negative 0.
        var identity = eye(n, dtype: ScalarType.Float64);
        var actual = new PairwiseContrastiveLoss(tau).Compute([identity, identity.clone()]).item<double>();

        var expected = Math.Log(1 + (2 * n - 2) * Math.Exp(-1 / tau));
        Assert.Equal(expected, actual, 9);
        Assert.True(actual < 1e-3, $"loss {actual} should be near zero");
    }

    [Fact]
    public void IdenticalViewsScoreFarBelowShuffledPairs()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var view = randn(32, 16);
        var loss = new PairwiseContrastiveLoss(0.5);

        var aligned = loss.Compute([view, view.clone()]).item<float>();
        var shuffled = loss.Compute([view, view[randperm(32)]]).item<float>();

        Assert.True(aligned + 1.0 < shuffled, $"aligned {aligned} should be clearly below shuffled {shuffled}");
    }

    [Fact]
    public void RejectsASingleViewAndANonPositiveTemperature()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => new PairwiseContrastiveLoss(0));
        Assert.Throws<ArgumentException>(() => new PairwiseContrastiveLoss(0.5).Compute([randn(4, 3)]));
        Assert.Throws<ArgumentException>(() => new PairwiseContrastiveLoss(0.5).Compute([randn(4, 3), randn(5, 3)]));
    }

    /// <summary>Equations 1-3 written out: every anchor of both views, cosine similarity, explicit sums.</summary>
    private static double ReferencePairwiseLoss(double[][][] views, double tau)
    {
        var total = 0.0;
        var pairs = 0;
        for (var i = 0; i < views.Length; i++)
            for (var j = i + 1; j < views.Length; j++)
            {
                var all = views[i].Concat(views[j]).ToArray();
                var n = views[i].Length;
                var pairLoss = 0.0;
                for (var anchor = 0; anchor < 2 * n; anchor++)
                {
                    var positive = anchor < n ? anchor + n : anchor - n;
                    var denominator = 0.0;
                    for (var other = 0; other < 2 * n; other++)
                        if (other != anchor)
                            denominator += Math.Exp(Cosine(all[anchor], all[other]) / tau);
                    pairLoss += -Math.Log(Math.Exp(Cosine(all[anchor], all[positive]) / tau) / denominator);
                }
                total += pairLoss / (2 * n);
                pairs++;
            }
        return total / pairs;
    }

    private static double Cosine(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var k = 0; k < a.Length; k++) { dot += a[k] * b[k]; na += a[k] * a[k]; nb += b[k] * b[k]; }
        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static double[][] RandomMatrix(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();

    private static double[][] Clone(double[][] matrix) => matrix.Select(r => (double[])r.Clone()).ToArray();
}

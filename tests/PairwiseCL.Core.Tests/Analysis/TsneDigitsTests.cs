using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Core.Tests.Analysis;

/// <summary>
/// Barnes-Hut t-SNE on data/reference/tsne (scikit-learn's 8x8 digits, 1797 x 64) must preserve
/// neighbourhoods as well as scikit-learn's runs do (trustworthiness at 10 neighbours >= 0.99) and
/// separate the digits about as well (5-fold 5-NN accuracy of the map).
/// </summary>
public sealed class TsneDigitsTests(ITestOutputHelper output)
{
    [Fact]
    public void DigitsMapIsAsTrustworthyAndSeparatedAsTheReference()
    {
        var run = TsneBenchmark.RunOnReference(SharedData.Reference("tsne"), new TsneOptions { Seed = 0 });

        output.WriteLine(run.ToString());
        Assert.Equal(TsneMethod.BarnesHut, run.Method);
        Assert.True(run.Trustworthiness >= 0.99, $"trustworthiness {run.Trustworthiness}");
        Assert.True(run.KnnAccuracy >= run.ReferenceKnnAccuracy - 0.015,
            $"5-NN accuracy {run.KnnAccuracy} vs the reference's {run.ReferenceKnnAccuracy}");
    }
}

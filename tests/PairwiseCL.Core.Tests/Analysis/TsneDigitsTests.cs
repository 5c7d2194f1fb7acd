using System.Text.Json;
using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Core.Tests.Analysis;

/// <summary>
/// Barnes-Hut t-SNE on data/reference/tsne (scikit-learn's 8x8 digits, 1797 x 64) must preserve
/// neighbourhoods as well as scikit-learn's run does (trustworthiness at 10 neighbours >= 0.99) and
/// separate the digits about as well (5-fold 5-NN accuracy of the map).
/// </summary>
public sealed class TsneDigitsTests(ITestOutputHelper output)
{
    [Fact]
    public void DigitsMapIsAsTrustworthyAndSeparatedAsTheReference()
    {
        var digits = CsvMatrix.Read(SharedData.Reference("tsne", "digits_x.csv"));
        var labels = File.ReadLines(SharedData.Reference("tsne", "digits_labels.csv")).Where(l => l.Length > 0).Select(int.Parse).ToArray();
        var reference = JsonDocument.Parse(File.ReadAllText(SharedData.Reference("tsne", "expected.json"))).RootElement
            .GetProperty("runs").EnumerateObject().Select(r => r.Value).ToArray();
        var referenceKnn = reference.Min(r => r.GetProperty("knn5_accuracy_cv5").GetDouble());

        var result = Tsne.Embed(digits, new TsneOptions { Seed = 0 });

        var trust = Trustworthiness.Compute(digits, result.Embedding, 10);
        var knn = NearestNeighbourAccuracy.CrossValidated(result.Embedding, labels, neighbours: 5, folds: 5);
        output.WriteLine($"t-SNE {result.Elapsed.TotalSeconds:F2} s ({result.Method}, {result.IterationsRun} iterations); " +
                         $"trustworthiness {trust:F4}; 5-NN accuracy {knn:F4} (reference >= {referenceKnn:F4})");
        Assert.Equal(TsneMethod.BarnesHut, result.Method);
        Assert.True(trust >= 0.99, $"trustworthiness {trust}");
        Assert.True(knn >= referenceKnn - 0.015, $"5-NN accuracy {knn} vs reference {referenceKnn}");
    }
}

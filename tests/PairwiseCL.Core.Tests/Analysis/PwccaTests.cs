using System.Text.Json;
using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace PairwiseCL.Core.Tests.Analysis;

/// <summary>PWCCA against data/reference/pwcca (the numpy reference implementation, epsilon 1e-10).</summary>
public sealed class PwccaTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in ExpectedCases().EnumerateObject().Select(p => p.Name)) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesTheReferenceImplementation(string name)
    {
        var expected = ExpectedCases().GetProperty(name);
        var (x, y) = LoadCase(name);

        var result = Pwcca.Compute(x, y);

        output.WriteLine($"{name}: PWCCA {result.Similarity:R} (reference {expected.GetProperty("pwcca").GetDouble():R}), " +
                         $"mean CCA {result.MeanCca:R} (reference {expected.GetProperty("mean_cca").GetDouble():R})");
        Assert.Equal(expected.GetProperty("pwcca").GetDouble(), result.Similarity, 1e-6);
        Assert.Equal(expected.GetProperty("mean_cca").GetDouble(), result.MeanCca, 1e-6);
        Assert.Equal(expected.GetProperty("neurons_x").GetInt32(), result.Weights.Count);
        Assert.Equal(1.0, result.Weights.Sum(), 1e-12);
    }

    [Fact]
    public void WeightsComeFromTheNarrowerSideWhicheverArgumentItIs()
    {
        // With the narrower side swapped to b the weights must still come from it (16 neurons, not 24).
        var (x, y) = LoadCase("shared_latent_unequal");
        var swapped = Pwcca.Compute(y, x);
        Assert.Equal(16, swapped.Weights.Count);
        Assert.Equal(Pwcca.Compute(x, y).MeanCca, swapped.MeanCca, 1e-9);
    }

    [Fact]
    public void RandomBaselineIsLowAndReproducible()
    {
        var first = Pwcca.RandomBaseline(datapoints: 400, neuronsA: 32, neuronsB: 32, seed: 3);
        var again = Pwcca.RandomBaseline(datapoints: 400, neuronsA: 32, neuronsB: 32, seed: 3);
        var (x, y) = LoadCase("linear_noisy");

        Assert.Equal(first.Similarity, again.Similarity);
        Assert.Equal(first.Similarity, Pwcca.RandomBaseline(x, y, seed: 3).Similarity);
        // Independent Gaussians of this shape align about as well as the reference's independent case.
        Assert.InRange(first.Similarity, 0.15, 0.35);
        Assert.True(Pwcca.Compute(x, y).Similarity > first.Similarity + 0.5);
    }

    [Fact]
    public void RejectsRepresentationsPassedAsNeuronsByDatapoints()
    {
        var (x, _) = LoadCase("independent");
        var transposed = CsvMatrix.Transpose(x);
        var error = Assert.Throws<ArgumentException>(() => Pwcca.Compute(transposed, transposed));
        Assert.Contains("transposed", error.Message);
    }

    [Fact]
    public void RejectsDifferentDatapointCounts()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Pwcca.Compute(RandomRepresentations.Gaussian(50, 4, 1), RandomRepresentations.Gaussian(60, 4, 2)));
        Assert.Contains("same datapoints", error.Message);
    }

    private static (double[,] X, double[,] Y) LoadCase(string name) =>
        // The reference files are neurons x datapoints; Compute takes one row per datapoint.
        (CsvMatrix.Transpose(NumericCsv.ReadMatrix(SharedData.Reference("pwcca", $"{name}_x.csv"))),
         CsvMatrix.Transpose(NumericCsv.ReadMatrix(SharedData.Reference("pwcca", $"{name}_y.csv"))));

    private static JsonElement ExpectedCases() =>
        JsonDocument.Parse(File.ReadAllText(SharedData.Reference("pwcca", "expected.json"))).RootElement.GetProperty("cases");
}

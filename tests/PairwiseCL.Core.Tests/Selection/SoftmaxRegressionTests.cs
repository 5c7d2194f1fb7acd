using System.Text.Json;
using PairwiseCL.Core.Selection;

namespace PairwiseCL.Core.Tests.Selection;

/// <summary>
/// The selection loop's classifier against scikit-learn's multinomial LogisticRegression on the same data
/// (tools/reference-fixtures/make_selection_references.py). The objective is strictly convex, so both solvers
/// reach one optimum; ours stops at a gradient norm of 1e-8 and scikit-learn at 1e-12, so probabilities agree to
/// far better than the 1e-5 allowed here.
/// </summary>
public sealed class SoftmaxRegressionTests
{
    private sealed record Case(double C, double[][] Coef, double[] Intercept, double[][] Test_probabilities);

    private sealed record Reference(double[][] Train, int[] Train_labels, double[][] Test, Case[] Cases);

    private static Reference Load() => JsonSerializer.Deserialize<Reference>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "SklearnReference", "softmax-regression.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ProbabilitiesMatchScikitLearnsMultinomialLogisticRegression(int caseIndex)
    {
        var reference = Load();
        var expected = reference.Cases[caseIndex];
        var model = SoftmaxRegression.Fit(reference.Train, reference.Train_labels, classCount: 3, inverseRegularisation: expected.C);
        for (var i = 0; i < reference.Test.Length; i++)
        {
            var ours = model.Probabilities(reference.Test[i]);
            for (var c = 0; c < 3; c++)
                Assert.True(Math.Abs(ours[c] - expected.Test_probabilities[i][c]) < 1e-5,
                    $"C={expected.C}, point {i}, class {c}: ours {ours[c]:R}, scikit-learn {expected.Test_probabilities[i][c]:R}");
        }
    }

    [Fact]
    public void AStrongerPenaltyGivesFlatterProbabilities()
    {
        // Guards the sign and scale of the penalty: with C = 0.05 the reference itself is less confident.
        var reference = Load();
        static double MeanMax(double[][] p) => p.Average(row => row.Max());
        Assert.True(MeanMax(reference.Cases[1].Test_probabilities) < MeanMax(reference.Cases[0].Test_probabilities) - 0.05);
    }

    [Fact]
    public void AClassWithoutLabelsGetsProbabilityZero()
    {
        double[][] points = [[0.0], [0.1], [2.0], [2.1]];
        var model = SoftmaxRegression.Fit(points, [0, 0, 2, 2], classCount: 3);
        var probabilities = model.Probabilities([1.9]);
        Assert.Equal(0.0, probabilities[1]);
        Assert.True(probabilities[2] > probabilities[0]);
        Assert.Equal(1.0, probabilities.Sum(), 12);
    }

    [Fact]
    public void RefusesLabelsOfOneClassWithAClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxRegression.Fit([[0.0], [1.0]], [1, 1], classCount: 3));
        Assert.Contains("one class", error.Message);
    }
}

using PairwiseCL.Core.Evaluation;

namespace PairwiseCL.Core.Tests.Evaluation;

public sealed class ClassificationMetricsTests
{
    // Truth has classes 0 (3 clips), 1 (2 clips), 2 (1 clip); class 3 never occurs in the truth.
    private static readonly int[] Truth = [0, 0, 0, 1, 1, 2];
    private static readonly int[] Predicted = [0, 3, 0, 1, 1, 0];

    [Fact]
    public void UarAveragesRecallOverTheClassesPresentInTheTruth()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Predicted, classCount: 4);

        // Recalls 2/3, 2/2, 0/1; class 3 is absent and does not count.
        Assert.Equal((2.0 / 3 + 1 + 0) / 3, metrics.Uar, 12);
        Assert.Equal(2.0 / 3, metrics.PerClassRecall[0], 12);
        Assert.Equal(1.0, metrics.PerClassRecall[1], 12);
        Assert.Equal(0.0, metrics.PerClassRecall[2], 12);
        Assert.True(double.IsNaN(metrics.PerClassRecall[3]));
    }

    [Fact]
    public void WaIsTheAccuracyOverAllUtterances()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Predicted, classCount: 4);
        Assert.Equal(4.0 / 6, metrics.Wa, 12);
    }

    [Fact]
    public void ConfusionMatrixCountsTrueClassByPredictedClass()
    {
        var metrics = ClassificationMetrics.Compute(Truth, Predicted, classCount: 4);

        int[,] expected =
        {
            { 2, 0, 0, 1 },
            { 0, 2, 0, 0 },
            { 1, 0, 0, 0 },
            { 0, 0, 0, 0 },
        };
        Assert.Equal(expected, metrics.ConfusionMatrix);
        Assert.Equal(4, metrics.ClassCount);
    }

    [Fact]
    public void UarDiffersFromWaOnImbalancedClasses()
    {
        // Always predicting the majority class: WA 0.9, but UAR only 0.5.
        var truth = Enumerable.Repeat(0, 9).Append(1).ToArray();
        var predicted = new int[10];
        var metrics = ClassificationMetrics.Compute(truth, predicted, classCount: 2);
        Assert.Equal(0.9, metrics.Wa, 12);
        Assert.Equal(0.5, metrics.Uar, 12);
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0, 1], [0], 2));
        Assert.Contains("pair up", error.Message);
    }

    [Fact]
    public void LabelsOutsideTheClassesAreRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.Compute([0, 2], [0, 1], 2));
        Assert.Contains("outside the 2 classes", error.Message);
    }
}

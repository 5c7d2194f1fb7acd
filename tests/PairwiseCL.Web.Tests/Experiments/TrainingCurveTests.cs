using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Training;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Tests.Experiments;

public sealed class TrainingCurveTests
{
    [Fact]
    public void EpochsOfOneTraining_FormItsCurve_AndANewTrainingStartsAFreshOne()
    {
        var curve = new TrainingCurve();

        curve.Next(Report(Epoch("pretrain", 1, 1.5)));
        var second = curve.Next(Report(Epoch("pretrain", 2, 1.2)));
        Assert.Equal([1.5, 1.2], second.Curve!.Select(p => p.TrainLoss));
        Assert.Equal(2, second.Epoch!.Epoch);

        var fineTuning = curve.Next(Report(Epoch("finetune", 1, 0.9, uar: 0.4)));
        Assert.Equal(0.4, Assert.Single(fineTuning.Curve!).ValidationUar);

        var restarted = curve.Next(Report(Epoch("finetune", 1, 0.8)));
        Assert.Equal(0.8, Assert.Single(restarted.Curve!).TrainLoss);
    }

    [Fact]
    public void ReportsBetweenTrainings_CarryNoCurve_ButKeepUnitsAndTimeLeft()
    {
        var curve = new TrainingCurve();
        curve.Next(Report(Epoch("pretrain", 1, 1.5)));

        var between = curve.Next(new ProtocolProgress(3, 10, "fold 1/3: mel supervised", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(70)));

        Assert.Null(between.Curve);
        Assert.Null(between.Epoch);
        Assert.Equal((3, 10, 70.0), (between.Done, between.Total, between.SecondsLeft));
        Assert.Equal(0.3, between.Fraction, 6);
    }

    private static ProtocolProgress Report(TrainingProgress epoch) =>
        new(1, 4, "fold 1/3: training", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), epoch);

    private static TrainingProgress Epoch(string phase, int epoch, double loss, double? uar = null) =>
        new(phase, epoch, 10, loss, loss + 0.1, uar, true, TimeSpan.FromSeconds(epoch), TimeSpan.FromSeconds(10 - epoch));
}

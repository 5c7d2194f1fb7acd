using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Tests.Jobs;

public sealed class LossChartTests
{
    [Fact]
    public void Losses_ArePlottedInThousandths_AndTheAxisReadsInUnitsWithFourSteps()
    {
        var chart = LossChart.Of([Point(1, 1.6, 1.8), Point(2, 1.2, 1.4)]);

        Assert.Equal([1600, 1200], chart.Series[0].Data.Values.Select(v => Math.Round(v)));
        Assert.Equal([1800, 1400], chart.Series[1].Data.Values.Select(v => Math.Round(v)));
        Assert.Equal(450, chart.Options.YAxisTicks);
        Assert.Equal("0.45", chart.Options.YAxisToStringFunc!(450));
        Assert.Equal(["1", "2"], chart.Labels);
    }

    [Fact]
    public void LongCurves_LabelAboutTenEpochs()
    {
        var chart = LossChart.Of(Enumerable.Range(1, 95).Select(e => Point(e, 1, 1)).ToList());

        Assert.Equal(95, chart.Labels.Length);
        Assert.Equal(["1", "11", "21", "31", "41", "51", "61", "71", "81", "91"], chart.Labels.Where(l => l.Length > 0));
    }

    [Fact]
    public void TimeLeft_IsTheProtocolsOnceKnown_AndTheTrainingsBefore()
    {
        EpochPoint[] curve = [Point(1, 1, 1) with { SecondsLeft = 42 }];

        Assert.Equal("about 42 s left in this training (the whole experiment: estimating)", ProgressText.TimeLeft(new ExperimentProgress("training", 0, 6, "fold 1/3", 0, curve)));
        Assert.Equal("about 2 min 05 s left", ProgressText.TimeLeft(new ExperimentProgress("training", 2, 6, "fold 1/3", 125, curve)));
        Assert.Equal("estimating the time left", ProgressText.TimeLeft(new ExperimentProgress("features mel", 0, 24, "0 from cache", null)));
        Assert.Equal("", ProgressText.TimeLeft(new ExperimentProgress("stored", 24, 24, "24 runs stored", null)));
    }

    private static EpochPoint Point(int epoch, double train, double validation) => new("finetune", epoch, 100, train, validation, null);
}

using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Tests.Progress;

/// <summary>
/// The time left of a protocol prices each kind of work at its own measured cost: one average over all units
/// ran low (6:44 said, 8:08 real), because cheap units done first priced the expensive ones left.
/// </summary>
public sealed class RemainingTimeEstimateTests
{
    [Fact]
    public void EachKindOfWork_IsPricedAtItsOwnMeasuredCost()
    {
        var estimate = new RemainingTimeEstimate();
        estimate.Plan("pre-training epoch", 40);
        estimate.Plan("fine-tuning mel 10%", 10, family: "fine-tuning");
        estimate.Plan("fine-tuning mel 100%", 10, family: "fine-tuning");

        estimate.Done("pre-training epoch", 1, TimeSpan.FromSeconds(3));
        estimate.Done("pre-training epoch", 1, TimeSpan.FromSeconds(5));
        estimate.Done("fine-tuning mel 10%", 2, TimeSpan.FromSeconds(2));
        estimate.Done("fine-tuning mel 100%", 1, TimeSpan.FromSeconds(10));

        // 38 epochs at 4 s, 8 small runs at 1 s, 9 large runs at 10 s.
        Assert.Equal(38 * 4 + 8 * 1 + 9 * 10, estimate.Remaining!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void UnitsThatDoNotRun_CostNothing()
    {
        var estimate = new RemainingTimeEstimate();
        estimate.Plan("pre-training epoch", 20);
        estimate.Done("pre-training epoch", 5, TimeSpan.FromSeconds(10));

        estimate.Skip("pre-training epoch", 15); // stopped early at epoch 5

        Assert.Equal(TimeSpan.Zero, estimate.Remaining);
    }

    [Fact]
    public void AKindNotMeasuredYet_IsPricedByItsFamily_OrUnknown()
    {
        var estimate = new RemainingTimeEstimate();
        estimate.Plan("pre-training epoch", 10);
        estimate.Plan("fine-tuning mel 10%", 4, family: "fine-tuning");
        estimate.Plan("fine-tuning mel 100%", 4, family: "fine-tuning");

        Assert.Null(estimate.Remaining); // nothing measured: "estimating", not a number wrong by minutes
        estimate.Done("pre-training epoch", 10, TimeSpan.FromSeconds(50));
        Assert.Null(estimate.Remaining); // the runs left have no price yet

        estimate.Done("fine-tuning mel 10%", 1, TimeSpan.FromSeconds(2));
        // 3 small runs at 2 s, and the large ones priced like the family's measured runs until one is measured.
        Assert.Equal(3 * 2 + 4 * 2, estimate.Remaining!.Value.TotalSeconds, 9);
        estimate.Done("fine-tuning mel 100%", 1, TimeSpan.FromSeconds(8));
        Assert.Equal(3 * 2 + 3 * 8, estimate.Remaining!.Value.TotalSeconds, 9);
    }

    [Theory]
    [InlineData(0.2, "about 1 s left")]
    [InlineData(27.4, "about 28 s left")]
    [InlineData(297, "about 4 min 57 s left")]
    [InlineData(3600 + 5 * 60 + 1, "about 1 h 05 min left")]
    public void TheTimeLeft_ReadsTheSameEverywhere(double seconds, string text)
    {
        Assert.Equal(text, TimeLeftText.Left(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void AnUnknownTimeLeft_SaysSo()
    {
        Assert.Equal("estimating the time left", TimeLeftText.Left(null));
    }
}

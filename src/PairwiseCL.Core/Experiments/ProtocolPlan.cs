using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// How much work a protocol is, in units of one fine-tuning run; a pre-training counts as
/// <see cref="PretrainingUnits"/> units (its epochs see every training utterance of every view).
/// </summary>
internal sealed class ProtocolPlan
{
    private readonly ProtocolConfiguration configuration;
    private readonly int folds;
    private readonly int pretrainings;

    public ProtocolPlan(ProtocolConfiguration configuration, int folds)
    {
        this.configuration = configuration;
        this.folds = folds;
        pretrainings = configuration.Methods.Any(MethodNames.NeedsPretraining)
            ? configuration.AllTemperatures().Count + (configuration.OutOfDistribution ? 2 : 0)
            : 0;
        FineTuningRuns = folds * configuration.Views.Count * configuration.FractionsPercent.Sum(RunsPerFoldViewAndFraction);
        TotalUnits = FineTuningRuns + folds * pretrainings * PretrainingUnits;
    }

    public int PretrainingUnits => 10;

    /// <summary>The most epochs one pre-training runs.</summary>
    public int PretrainingEpochs => configuration.Pretraining.MaxEpochs;

    /// <summary>The time-left estimate's plan: every pre-training epoch, and the fine-tuning runs per view and fraction.</summary>
    public RemainingTimeEstimate Estimate(string pretrainingEpoch, Func<string, double, string> fineTuningKind)
    {
        var estimate = new RemainingTimeEstimate();
        estimate.Plan(pretrainingEpoch, folds * pretrainings * PretrainingEpochs);
        foreach (var view in configuration.Views)
        foreach (var fraction in configuration.FractionsPercent)
            estimate.Plan(fineTuningKind(view, fraction), folds * RunsPerFoldViewAndFraction(fraction), family: "fine-tuning");
        return estimate;
    }

    public int RunsPerFoldViewAndFraction(double fraction) =>
        configuration.Repeats * configuration.Methods.Sum(method =>
        {
            if (method == MethodNames.Supervised) return 1;
            var extraTemperatures = fraction == configuration.FractionsPercent.Max()
                ? configuration.TemperatureGrid.Count(t => t != configuration.Temperature)
                : 0;
            return 1 + extraTemperatures + (configuration.OutOfDistribution ? 2 : 0);
        });
    public int FineTuningRuns { get; }
    public int TotalUnits { get; }
}

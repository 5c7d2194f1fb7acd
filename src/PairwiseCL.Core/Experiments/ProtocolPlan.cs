namespace PairwiseCL.Core.Experiments;

/// <summary>
/// How much work a protocol is, in units of one fine-tuning run; a pre-training counts as
/// <see cref="PretrainingUnits"/> units (its epochs see every training utterance of every view).
/// </summary>
internal sealed class ProtocolPlan
{
    public ProtocolPlan(ProtocolConfiguration configuration, int folds)
    {
        var pretrainings = configuration.Methods.Any(MethodNames.NeedsPretraining)
            ? configuration.AllTemperatures().Count + (configuration.OutOfDistribution ? 2 : 0)
            : 0;
        var perFold = configuration.Views.Count * configuration.FractionsPercent.Sum(fraction =>
            configuration.Repeats * configuration.Methods.Sum(method =>
            {
                if (method == MethodNames.Supervised) return 1;
                var extraTemperatures = fraction == configuration.FractionsPercent.Max()
                    ? configuration.TemperatureGrid.Count(t => t != configuration.Temperature)
                    : 0;
                return 1 + extraTemperatures + (configuration.OutOfDistribution ? 2 : 0);
            }));
        FineTuningRuns = folds * perFold;
        TotalUnits = FineTuningRuns + folds * pretrainings * PretrainingUnits;
    }

    public int PretrainingUnits => 10;
    public int FineTuningRuns { get; }
    public int TotalUnits { get; }
}

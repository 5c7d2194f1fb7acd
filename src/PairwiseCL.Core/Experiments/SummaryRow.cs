namespace PairwiseCL.Core.Experiments;

/// <summary>
/// One line of summary.csv: the runs of a view, method and label fraction over folds and repeats, mean
/// UAR and WA with 95% t half-widths, and the two-sided Mann-Whitney U p-value of their UARs against
/// the supervised runs of the same view and fraction (NaN for the supervised rows themselves).
/// </summary>
public sealed record SummaryRow(
    string View,
    string Method,
    double FractionPercent,
    double UarMean,
    double UarCi95,
    double WaMean,
    double WaCi95,
    int Runs,
    double PValueVsSupervised,
    string Significance);

using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Comparison;

/// <summary>
/// Two or more experiments side by side: one UAR-vs-fraction chart with all of them, the UAR per
/// view, method and fraction in a table, and the configuration settings that differ.
/// </summary>
public sealed record ExperimentComparison(
    IReadOnlyList<ComparedExperiment> Experiments,
    ChartFigure Chart,
    IReadOnlyList<ComparisonRow> Rows,
    IReadOnlyList<SettingDifference> Settings);

/// <summary>One compared experiment; <see cref="Label"/> names it in the chart and the table.</summary>
public sealed record ComparedExperiment(int Id, string Name, string Label);

/// <summary>
/// Mean UAR with its 95% CI of one experiment for one view, method and fraction; <see cref="Degenerate"/>: its
/// runs collapsed to one class or its interval includes chance (see ResultWarnings).
/// </summary>
public sealed record ComparedUar(double Mean, double Ci95, bool Degenerate = false)
{
    public double Lower => Mean - Ci95;

    public double Upper => Mean + Ci95;
}

/// <summary>
/// One view, method and fraction across the experiments (null where an experiment has no such runs).
/// <see cref="Differs"/>: at least two experiments' 95% CIs do not overlap and none of them is degenerate (a
/// collapsed model "differing" from a working one says nothing about the settings).
/// </summary>
public sealed record ComparisonRow(string View, string Method, double FractionPercent, IReadOnlyList<ComparedUar?> Uar)
{
    public bool Degenerate => Uar.Any(u => u?.Degenerate == true);

    public double? Spread => Uar.OfType<ComparedUar>().ToList() is { Count: > 1 } present ? present.Max(u => u.Mean) - present.Min(u => u.Mean) : null;

    public bool Differs => !Degenerate && Uar.OfType<ComparedUar>().ToList() is { Count: > 1 } present
                           && present.Max(u => double.IsFinite(u.Lower) ? u.Lower : u.Mean) > present.Min(u => double.IsFinite(u.Upper) ? u.Upper : u.Mean);

    /// <summary>Index of the experiment with the highest mean UAR, or null when fewer than two have runs here.</summary>
    public int? Best => Spread is null ? null : Enumerable.Range(0, Uar.Count).Where(i => Uar[i] is not null).MaxBy(i => Uar[i]!.Mean);
}

/// <summary>A configuration setting (JSON path) whose value is not the same in every compared experiment.</summary>
public sealed record SettingDifference(string Setting, IReadOnlyList<string> Values);

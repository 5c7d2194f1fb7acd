using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Results;

/// <summary>Everything the results page of one experiment shows, ready to render.</summary>
public sealed record ExperimentResults(
    ExperimentSummary Experiment,
    string ConfigurationJson,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<ChartFigure> FractionCharts,
    IReadOnlyList<ChartFigure> EmbeddingCharts,
    ChartFigure? LossChart,
    IReadOnlyList<ChartFigure> OutOfDistributionCharts,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<PwccaRow> Pwcca,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ConfusionMatrix> ConfusionMatrices,
    IReadOnlyList<ResultDownload> Downloads,
    IReadOnlyList<string> Problems)
{
    /// <summary>View/method/fraction rows whose runs collapsed to one class or whose UAR interval includes chance.</summary>
    public IReadOnlyList<ResultWarning> Warnings { get; init; } = [];

    /// <summary>Chance-level UAR, 1/classes.</summary>
    public double Chance => ResultWarnings.Chance(ClassNames.Count);

    /// <summary>While the job runs: its runs so far and the protocol's planned count; the charts are provisional.</summary>
    public ProvisionalProgress? Provisional { get; init; }

    /// <summary>An active-learning simulation's learning curves once its report is written; null for the protocol and before.</summary>
    public LearningCurveResults? LearningCurves { get; init; }

    /// <summary>The experiment is an active-learning simulation (its results are <see cref="LearningCurves"/>, never runs).</summary>
    public bool IsActiveLearning { get; init; }

    /// <summary>True once the job has written its report.</summary>
    public bool HasReport => (Summary.Count > 0 || LearningCurves is not null) && Provisional is null;

    public int ViewCount => Summary.Select(r => r.View).Distinct().Count();

    /// <summary>The report holds the representation analysis: t-SNE maps, and PWCCA when there are two or more views to compare.</summary>
    public bool HasAnalysis => HasReport && EmbeddingCharts.Count > 0 && (ViewCount < 2 || Pwcca.Count > 0);
}

/// <summary>
/// A Plotly figure (data and layout as JSON) with a name for its PNG and CSV downloads, and the table it
/// plots (the CSV download) where it has one.
/// </summary>
public sealed record ChartFigure(string Name, string Title, string FigureJson, ReportTable? Data = null);

/// <summary>Test-set confusion counts of one view and method at one label fraction, summed over folds and repeats.</summary>
public sealed record ConfusionMatrix(string View, string Method, double FractionPercent, IReadOnlyList<string> Classes, int[][] Counts);

/// <summary>A file of the report the page offers for download (path relative to the report folder).</summary>
public sealed record ResultDownload(string Label, string RelativePath);

/// <summary>How far a running experiment is: <see cref="Finished"/> of <see cref="Planned"/> fine-tuning runs.</summary>
public sealed record ProvisionalProgress(int Finished, int Planned);

/// <summary>
/// What the results page shows of an active-learning simulation: one learning-curve chart per view, the area under
/// each curve with its paired difference from <see cref="Reference"/> and the labels that reach the reference's UAR at
/// the largest count, and per view a table of UAR at a few counts.
/// </summary>
public sealed record LearningCurveResults(
    ActiveLearningConfiguration Simulation,
    IReadOnlyList<ChartFigure> Charts,
    IReadOnlyList<CurveAreaRow> Areas,
    string Reference,
    IReadOnlyList<ReportTable> CurveTables,
    int CurvePoints,
    int Folds,
    int LargestCount);

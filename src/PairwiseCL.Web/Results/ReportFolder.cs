using System.Security.Cryptography;
using System.Text.Json;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Where an experiment's report lives under the data folder, the JSON file that keeps everything the
/// results pages draw (runs, PWCCA, t-SNE points, parameter counts), and content hashing.
/// </summary>
public static class ReportFolder
{
    /// <summary>The whole <see cref="PairwiseCL.Core.Reports.ReportContent"/>, next to what ReportWriter writes.</summary>
    public const string ContentFile = "report-content.json";

    public const string SummaryFile = "summary.csv";

    /// <summary>An active-learning simulation's curve points (every fold and repeat, no utterance ids), read back by its results page.</summary>
    public const string CurveRunsFile = "runs.json";

    /// <summary>A simulation's mean UAR with its CI per view, strategy and count, and its areas under the curves: offered like summary.csv.</summary>
    public const string CurvesFile = "curves.csv", AreasFile = "areas.csv";

    /// <summary>Non-finite numbers as null (<see cref="PairwiseCL.Core.Reports.ResultJson"/>); older files' "NaN" strings still read.</summary>
    public static JsonSerializerOptions Json => PairwiseCL.Core.Reports.ResultJson.Compact;

    /// <summary>The report folder relative to the data folder, with forward slashes as stored in artifacts.</summary>
    public static string RelativeFolder(int experimentId) => $"experiments/{experimentId}/report";

    /// <summary>A file of a running experiment kept beside its report folder (experiments/{id}/{name}) in the data folder.</summary>
    public static string BesideReport(string dataFolder, int experimentId, string fileName) =>
        Path.Combine(dataFolder, Path.GetDirectoryName(RelativeFolder(experimentId))!, fileName);

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The report files the results page offers as downloads (summary.csv, a simulation's curves.csv and areas.csv, and the figures): all a share
    /// link serves. Models, runs.json and report-content.json (utterance ids) stay with the workspace.
    /// </summary>
    public static bool IsOfferedDownload(string relativeToReport) =>
        relativeToReport is SummaryFile or CurvesFile or AreasFile
        || (relativeToReport.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && !relativeToReport.StartsWith("models/", StringComparison.Ordinal));

    /// <summary>"model" for files under models/, "figure" for PNGs, "table" for files under tables/, "report" otherwise.</summary>
    public static string KindOf(string relativeToReport) =>
        relativeToReport.StartsWith("models/", StringComparison.Ordinal) ? "model"
        : relativeToReport.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "figure"
        : relativeToReport.StartsWith("tables/", StringComparison.Ordinal) ? "table"
        : "report";
}

using Microsoft.Extensions.Caching.Memory;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Web.Results;

/// <summary>
/// What a results page derives from an experiment's stored report (charts, tables, runs): parsing the
/// report, hashing it and building the charts cost tens of milliseconds per request, while a finished
/// report never changes. An entry is keyed by the report file's stored SHA-256 and its size and write time,
/// so a re-analysis (a new report, a new hash) or an altered or deleted file is never served from here.
/// </summary>
public sealed class ReportViewCache : IDisposable
{
    // A few dozen reports at most are read at once; older ones are dropped and read again when asked for.
    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = 32 });

    public ReportView? Find(int experimentId, ReportStamp stamp) =>
        entries.TryGetValue(experimentId, out Entry? entry) && entry!.Stamp == stamp ? entry.View : null;

    public void Store(int experimentId, ReportStamp stamp, ReportView view) =>
        entries.Set(experimentId, new Entry(stamp, view), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Forget(int experimentId) => entries.Remove(experimentId);

    public void Dispose() => entries.Dispose();

    private sealed record Entry(ReportStamp Stamp, ReportView View);
}

/// <summary>Which report file a cached view was built from: its stored hash, and the file's size and last write.</summary>
public sealed record ReportStamp(string ContentHash, long Length, DateTime LastWriteUtc);

/// <summary>The part of <see cref="ExperimentResults"/> that depends only on the stored report and the configuration.</summary>
public sealed record ReportView(
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<ChartFigure> FractionCharts,
    IReadOnlyList<ChartFigure> EmbeddingCharts,
    ChartFigure? LossChart,
    IReadOnlyList<ChartFigure> OutOfDistributionCharts,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<PwccaRow> Pwcca,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ConfusionMatrix> ConfusionMatrices)
{
    /// <summary>Rows whose runs collapsed to one class or whose UAR interval includes chance (ResultWarnings).</summary>
    public IReadOnlyList<ResultWarning> Warnings { get; init; } = [];
}

using PairwiseCL.Core.Corpora.Importers;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Remembers the latest progress a synchronous importer reported from its worker threads, so the job
/// can store it now and then without blocking the import.
/// </summary>
internal sealed class LatestProgress : IProgress<ImportProgress>
{
    private ImportProgress? latest;

    public ImportProgress? Latest => Volatile.Read(ref latest);

    public void Report(ImportProgress value) => Volatile.Write(ref latest, value);
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Files;
using PairwiseCL.Store;

namespace PairwiseCL.Web.Results;

/// <summary>
/// The curve points a running active-learning simulation has so far, so its results page draws provisional learning
/// curves instead of "no curves yet" during a long simulation. Kept as one file beside the report folder (written
/// whole after each fold × view × repeat block), because under Jobs:Engine=hangfire the simulation runs on a worker
/// host this process never hears from; removed when the job ends, after which its report is the truth.
/// </summary>
public sealed class ProvisionalCurves(IOptions<StorageOptions> storage, ILogger<ProvisionalCurves> logger)
{
    private const string FileName = "provisional-curves.json";

    public void Write(int experimentId, CurvesSoFar soFar)
    {
        var path = PathOf(experimentId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(soFar, ReportFolder.Json));
    }

    /// <summary>The points so far; null when there are none, or the file cannot be read (a warning, not an error page).</summary>
    public CurvesSoFar? Find(int experimentId)
    {
        var path = PathOf(experimentId);
        try
        {
            if (!File.Exists(path)) return null;
            var soFar = JsonSerializer.Deserialize<CurvesSoFar>(File.ReadAllText(path), ReportFolder.Json);
            return soFar is { Runs: not null, BlocksFinished: >= 0, BlocksPlanned: > 0 } ? soFar : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "The provisional learning curves of experiment {Id} cannot be read", experimentId);
            return null;
        }
    }

    public void Forget(int experimentId)
    {
        try
        {
            File.Delete(PathOf(experimentId));
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "The provisional learning curves of experiment {Id} were left behind", experimentId);
        }
    }

    private string PathOf(int experimentId) =>
        ReportFolder.BesideReport(storage.Value.DataFolderFullPath, experimentId, FileName);
}

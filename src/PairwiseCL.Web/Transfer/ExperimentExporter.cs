using System.IO.Compression;
using System.Text.Json;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Transfer;

/// <summary>
/// Writes an experiment of the current workspace as a zip: experiment.json (name, configuration, file
/// hashes) and the verified report folder under report/ (configuration, results CSV/JSON, tables, figures,
/// the Markdown report, the results pages' data and the fine-tuned models).
/// </summary>
public sealed class ExperimentExporter(ResultsService results, ExperimentRepository experiments, CurrentWorkspace workspace, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <returns>False when the experiment is not one of the current workspace or has no report yet.</returns>
    public async Task<bool> ExportAsync(int experimentId, Stream target, CancellationToken cancellationToken = default)
    {
        var files = await results.ListFilesAsync(experimentId, cancellationToken);
        if (files is not { Count: > 0 }) return false;
        var summary = (await experiments.ListAsync(await workspace.GetIdAsync(cancellationToken), experimentId, cancellationToken)).SingleOrDefault();
        var experiment = await experiments.FindAsync(experimentId, cancellationToken);
        if (summary is null || experiment is null) return false;

        var verified = new List<(string Relative, string FullPath)>();
        foreach (var file in files)
            verified.Add((file, await results.FindFileAsync(experimentId, file, cancellationToken)
                ?? throw new InvalidDataException($"The report file '{file}' of experiment #{experimentId} is missing or was altered; it cannot be exported.")));

        await using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        var archived = verified.Select(f => new ArchivedFile(f.Relative, ReportFolder.Sha256(f.FullPath), new FileInfo(f.FullPath).Length)).ToList();
        var manifest = new ExperimentArchiveManifest(ExperimentArchiveManifest.CurrentFormat, experiment.Name, summary.CorpusName,
            experiment.ConfigurationJson, clock.GetUtcNow().UtcDateTime, archived);
        await using (var entry = await zip.CreateEntry(ExperimentArchiveManifest.FileName).OpenAsync(cancellationToken))
            await JsonSerializer.SerializeAsync(entry, manifest, Json, cancellationToken);
        foreach (var (relative, fullPath) in verified)
            await zip.CreateEntryFromFileAsync(fullPath, ExperimentArchiveManifest.ReportFolder + relative, CompressionLevel.Optimal, cancellationToken);
        return true;
    }
}

using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Datasets;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Transfer;

/// <summary>
/// Imports a zip written by <see cref="ExperimentExporter"/> (a protocol's or an active-learning simulation's) into the current workspace as a read-only
/// experiment. The archive is checked like any upload (size, entry count, compression ratio, no path
/// traversal or links; <see cref="ZipArchiveGuard"/>), every file must be listed in experiment.json with a
/// plain relative path and arrive with its SHA-256, and the results must be readable before anything is kept.
/// The upload is staged in the data folder's uploads folder, never the temp folder: the unpacked report is
/// moved into place, and a move cannot cross filesystems (the Docker image's /data volume vs /tmp).
/// </summary>
public sealed partial class ExperimentImporter(
    ExperimentRepository experiments,
    CurrentWorkspace workspace,
    UserAccess access,
    IOptions<StorageOptions> storage,
    IOptions<DatasetOptions> limits,
    DatasetFolders folders,
    TimeProvider clock,
    ILogger<ExperimentImporter> logger)
{
    private const long MaxManifestBytes = 64 * 1024 * 1024;

    public async Task<ImportOutcome> ImportAsync(Stream upload, CancellationToken cancellationToken = default)
    {
        if (!await access.IsAllowedAsync(PortalPolicies.Editor)) return ImportOutcome.EditorsOnly;
        var userId = await access.GetUserIdAsync();
        var staging = folders.NewUploadFolder();
        Directory.CreateDirectory(staging);
        try
        {
            var zipPath = Path.Combine(staging, "upload.zip");
            if (!await LimitedCopy.ToFileAsync(upload, zipPath, limits.Value.MaxUploadBytes, cancellationToken))
                return ImportOutcome.Refused($"The upload is larger than {ZipArchiveGuard.Bytes(limits.Value.MaxUploadBytes)}, the limit.");
            var check = ZipArchiveGuard.Inspect(zipPath, limits.Value);
            if (!check.IsSafe) return ImportOutcome.Refused(check.Message);
            if (ReadManifest(zipPath, check) is not { } manifest)
                return ImportOutcome.Refused($"The archive is not an exported experiment: it needs {ExperimentArchiveManifest.FileName} ({ExperimentArchiveManifest.CurrentFormat}) listing exactly the files under {ExperimentArchiveManifest.ReportFolder}.");

            var unpacked = Path.Combine(staging, "unpacked");
            await SafeZipExtractor.ExtractAsync(zipPath, unpacked, limits.Value, cancellationToken);
            var report = Path.Combine(unpacked, ExperimentArchiveManifest.ReportFolder);
            if (manifest.Files.FirstOrDefault(f => ReportFolder.Sha256(Path.Combine(report, f.Path)) != f.Sha256) is { } altered)
                return ImportOutcome.Refused($"The file '{altered.Path}' does not match the SHA-256 in {ExperimentArchiveManifest.FileName}; the archive was altered or damaged.");
            var (runs, problem) = Read(report, manifest);
            if (runs is null) return ImportOutcome.Refused(problem!);
            // The same results imported twice would be two experiments of one name that cannot be told apart.
            var contentFile = ResultsFileOf(manifest);
            var contentHash = manifest.Files.Single(f => f.Path == contentFile).Sha256;
            if (await experiments.FindImportedByContentAsync(await workspace.GetIdAsync(cancellationToken), "/" + contentFile, contentHash, cancellationToken) is { } existing)
                return ImportOutcome.Refused($"This archive was already imported as experiment #{existing.Id} '{existing.Name}' (its results have the same SHA-256, {contentHash[..12]}…); open that one, or delete it before importing again.");

            return new ImportOutcome(await StoreAsync(manifest, report, runs, userId, cancellationToken), null);
        }
        catch (InvalidDataException e)
        {
            return ImportOutcome.Refused(e.Message);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private async Task<int> StoreAsync(ExperimentArchiveManifest manifest, string unpackedReport, IReadOnlyList<RunResult> contentRuns, string? userId, CancellationToken cancellationToken)
    {
        var id = await experiments.CreateImportedAsync(await workspace.GetIdAsync(cancellationToken), manifest.Name, manifest.CorpusName,
            manifest.ConfigurationJson, userId, cancellationToken);
        try
        {
            var relativeFolder = ReportFolder.RelativeFolder(id);
            var folder = Path.Combine(storage.Value.DataFolderFullPath, relativeFolder);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
            Directory.Move(unpackedReport, folder);
            var now = clock.GetUtcNow().UtcDateTime;
            var artifacts = manifest.Files.Select(f => new ArtifactEntity
            {
                ExperimentId = id,
                Kind = ReportFolder.KindOf(f.Path),
                Path = $"{relativeFolder}/{f.Path}",
                ContentHash = f.Sha256,
                SizeBytes = new FileInfo(Path.Combine(folder, f.Path)).Length,
                CreatedAtUtc = now,
            }).ToList();
            // The runs are recorded as well, so lists and headers count them as for experiments run here.
            var experiment = (await experiments.FindAsync(id, cancellationToken))!;
            var runs = contentRuns.Select(run => ExperimentResultWriter.ToEntity(experiment, run, jobId: null, now)).ToList();
            await experiments.ReplaceResultsAsync(id, runs, artifacts, cancellationToken);
            logger.LogInformation("Imported experiment '{Name}' as #{Id} with {Files} files", manifest.Name, id, artifacts.Count);
            return id;
        }
        catch
        {
            await experiments.DeleteAsync(id, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The manifest when it lists exactly the archive's report files, each with a plain relative path; null otherwise.</summary>
    private static ExperimentArchiveManifest? ReadManifest(string zipPath, ArchiveCheck check)
    {
        using var archive = ZipFile.OpenRead(zipPath);
        var entry = archive.GetEntry(ExperimentArchiveManifest.FileName);
        if (entry is null || entry.Length > MaxManifestBytes) return null;
        ExperimentArchiveManifest? manifest;
        try
        {
            using var stream = entry.Open();
            manifest = JsonSerializer.Deserialize<ExperimentArchiveManifest>(stream);
        }
        catch (JsonException)
        {
            return null;
        }
        if (manifest is not { Format: ExperimentArchiveManifest.CurrentFormat, Files: not null, Name: { Length: > 0 and <= 200 }, ConfigurationJson: not null, CorpusName: not null })
            return null;
        var listed = manifest.Files.Select(f => ExperimentArchiveManifest.ReportFolder + f.Path).ToHashSet(StringComparer.Ordinal);
        var inArchive = check.Files.Where(f => f != ExperimentArchiveManifest.FileName).ToHashSet(StringComparer.Ordinal);
        var plain = manifest.Files.All(f => PlainPath().IsMatch(f.Path) && !f.Path.Split('/').Contains(".."));
        return plain && listed.SetEquals(inArchive) && manifest.Files.Any(f => f.Path == ResultsFileOf(manifest)) ? manifest : null;
    }

    /// <summary>The file the results pages read: a protocol's report content, or an active-learning simulation's curve points.</summary>
    private static string ResultsFileOf(ExperimentArchiveManifest manifest) =>
        ExperimentKinds.IsActiveLearning(manifest.ConfigurationJson) ? ReportFolder.CurveRunsFile : ReportFolder.ContentFile;

    /// <summary>
    /// The archive's fine-tuning runs (none for a simulation, whose curve points must read), or why the results pages
    /// could not read its configuration or results.
    /// </summary>
    private static (IReadOnlyList<RunResult>? Runs, string? Problem) Read(string report, ExperimentArchiveManifest manifest)
    {
        try
        {
            if (ExperimentKinds.IsActiveLearning(manifest.ConfigurationJson))
            {
                ActiveLearningLaunch.FromJson(manifest.ConfigurationJson);
                var curves = JsonSerializer.Deserialize<List<CurveRun>>(File.ReadAllText(Path.Combine(report, ReportFolder.CurveRunsFile)), ReportFolder.Json);
                return curves is { Count: > 0 } ? ([], null) : (null, $"{ReportFolder.CurveRunsFile} holds no learning-curve points.");
            }
            ExperimentLaunch.FromJson(manifest.ConfigurationJson);
            var content = JsonSerializer.Deserialize<ReportContent>(File.ReadAllText(Path.Combine(report, ReportFolder.ContentFile)), ReportFolder.Json);
            return content is null ? (null, $"{ReportFolder.ContentFile} is empty.") : (content.Runs, null);
        }
        catch (JsonException e)
        {
            return (null, $"The exported configuration or results cannot be read: {e.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")]
    private static partial Regex PlainPath();
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;

using PairwiseCL.Web.Transfer;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Adds corpora for the pages: streams an uploaded zip to disk and vets it before anything is
/// extracted, or points an importer at a server folder, or asks for the demo corpus; the slow part
/// runs as a <see cref="CorpusImportJob"/>. Only editors and owners may add corpora, checked here.
/// </summary>
public sealed class DatasetService(
    IJobDispatcher dispatcher,
    JobStore jobs,
    CorpusRepository corpora,
    DatasetFolders folders,
    IOptions<DatasetOptions> options,
    CurrentWorkspace workspace,
    UserAccess access,
    ILogger<DatasetService> logger)
{
    public const string ArchiveFileName = "upload.zip";

    private const string EditorsOnly = "Only editors and owners can add corpora.";

    public DatasetOptions Limits => options.Value;

    public Task<bool> CanEditAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>
    /// Streams an upload into its own folder under the data folder (reporting bytes received), checks
    /// the archive and queues its import; a refused upload is deleted at once and the reason returned.
    /// </summary>
    public async Task<DatasetOutcome> UploadArchiveAsync(Stream content, string fileName, long declaredBytes, string corpusName,
        CsvColumnMapping columns, IProgress<long>? received = null, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync()) return DatasetOutcome.Refused(EditorsOnly);
        if (await CheckNameAsync(corpusName, cancellationToken) is { } nameProblem) return DatasetOutcome.Refused(nameProblem);
        if (!fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            return DatasetOutcome.Refused($"'{fileName}' is not a .zip archive; upload the audio and the labels CSV as one zip.");
        var limit = options.Value.MaxUploadBytes;
        if (declaredBytes > limit)
            return DatasetOutcome.Refused($"'{fileName}' is {ZipArchiveGuard.Bytes(declaredBytes)}; uploads may be at most {ZipArchiveGuard.Bytes(limit)}.");

        var folder = folders.NewUploadFolder();
        Directory.CreateDirectory(folder);
        var keep = false;
        try
        {
            var zip = Path.Combine(folder, ArchiveFileName);
            if (!await LimitedCopy.ToFileAsync(content, zip, limit, cancellationToken, received))
                return DatasetOutcome.Refused($"'{fileName}' is larger than the upload limit of {ZipArchiveGuard.Bytes(limit)}.");
            var check = ZipArchiveGuard.Inspect(zip, options.Value);
            if (!check.IsSafe)
            {
                logger.LogWarning("Refused upload {File}: {Reason}", fileName, check.Message);
                return DatasetOutcome.Refused(check.Message);
            }
            var request = new CorpusImportRequest(CorpusSourceKind.Archive, corpusName.Trim(), await workspace.GetIdAsync(cancellationToken), folder, columns);
            var outcome = await EnqueueAsync(request, $"'{fileName}' ({check.Message})", cancellationToken);
            keep = true;
            return outcome;
        }
        finally
        {
            if (!keep && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Queues the import of a server folder (or, for <see cref="CorpusSourceKind.Manifest"/>, a CSV file).</summary>
    public async Task<DatasetOutcome> ImportFromServerAsync(CorpusSourceKind source, string path, string corpusName,
        CsvColumnMapping? columns = null, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync()) return DatasetOutcome.Refused(EditorsOnly);
        if (source is CorpusSourceKind.Archive or CorpusSourceKind.Synthetic)
            return DatasetOutcome.Refused($"'{source}' is not a server import.");
        if (await CheckNameAsync(corpusName, cancellationToken) is { } nameProblem) return DatasetOutcome.Refused(nameProblem);
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path.Trim()))
            return DatasetOutcome.Refused("Give the absolute path of the folder (or CSV manifest) on the server.");
        var fullPath = Path.GetFullPath(path.Trim());
        if (!IsAllowedServerPath(fullPath))
            return DatasetOutcome.Refused(
                $"{fullPath} is outside the folders this portal imports from ({string.Join(", ", options.Value.ServerImportRoots)}); " +
                "ask an administrator to add it to Datasets:ServerImportRoots.");
        if (source == CorpusSourceKind.Manifest ? !File.Exists(fullPath) : !Directory.Exists(fullPath))
            return DatasetOutcome.Refused(source == CorpusSourceKind.Manifest
                ? $"There is no CSV manifest at {fullPath} on the server."
                : $"There is no folder {fullPath} on the server.");
        var request = new CorpusImportRequest(source, corpusName.Trim(), await workspace.GetIdAsync(cancellationToken), fullPath, columns);
        return await EnqueueAsync(request, fullPath, cancellationToken);
    }

    /// <summary>Queues the generation of the synthetic demo corpus into the data folder.</summary>
    public async Task<DatasetOutcome> GenerateSyntheticAsync(string corpusName, int seed, int clipsPerSpeakerAndEmotion, CancellationToken cancellationToken = default)
    {
        if (!await CanEditAsync()) return DatasetOutcome.Refused(EditorsOnly);
        if (await CheckNameAsync(corpusName, cancellationToken) is { } nameProblem) return DatasetOutcome.Refused(nameProblem);
        if (clipsPerSpeakerAndEmotion is < 1 or > 100)
            return DatasetOutcome.Refused("Clips per speaker and emotion must be between 1 and 100.");
        var request = new CorpusImportRequest(CorpusSourceKind.Synthetic, corpusName.Trim(), await workspace.GetIdAsync(cancellationToken),
            SyntheticSeed: seed, SyntheticClipsPerSpeakerAndEmotion: clipsPerSpeakerAndEmotion);
        return await EnqueueAsync(request, "the synthetic demo corpus", cancellationToken);
    }

    /// <summary>The state of an import job of this workspace, or null when there is none.</summary>
    public async Task<ImportStatus?> GetImportAsync(long jobId, CancellationToken cancellationToken = default)
    {
        var job = await jobs.FindAsync(jobId, cancellationToken);
        if (job is null || job.Kind != CorpusImportJob.JobKind || job.WorkspaceId != await workspace.GetIdAsync(cancellationToken))
            return null;
        var progress = job.ProgressJson is null ? null : JsonSerializer.Deserialize<CorpusImportProgress>(job.ProgressJson);
        return new ImportStatus(job.Id, job.State, progress, job.Log, job.Error);
    }

    private async Task<DatasetOutcome> EnqueueAsync(CorpusImportRequest request, string what, CancellationToken cancellationToken)
    {
        var id = await dispatcher.EnqueueAsync(CorpusImportJob.Request(request, await access.GetUserIdAsync()), cancellationToken);
        logger.LogInformation("Queued import of {What} as corpus {Name} (job {Job})", what, request.CorpusName, id);
        return new DatasetOutcome(true, $"Importing {what} as '{request.CorpusName}' (job #{id}).", id);
    }

    private bool IsAllowedServerPath(string fullPath)
    {
        var roots = options.Value.ServerImportRoots;
        return roots.Count == 0 || roots.Any(root =>
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            return fullPath == folder || fullPath.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        });
    }

    private async Task<string?> CheckNameAsync(string corpusName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(corpusName)) return "Give the corpus a name.";
        if (corpusName.Trim().Length > 200) return "A corpus name may have at most 200 characters.";
        return await corpora.FindIdByNameAsync(corpusName.Trim(), await workspace.GetIdAsync(cancellationToken), cancellationToken) is null
            ? null
            : $"A corpus named '{corpusName.Trim()}' already exists; choose another name.";
    }
}

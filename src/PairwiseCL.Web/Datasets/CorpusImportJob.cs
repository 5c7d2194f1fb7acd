using Microsoft.Extensions.Options;
using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Importers;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Files;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Imports a new corpus in the background: extracts an accepted upload into the data folder, or reads
/// a server folder with one of the Core importers, or generates the synthetic demo corpus; then stores
/// it. Files the importer cannot use are logged one by one and the rest is stored; when nothing is
/// usable, or the source cannot be read at all, the job fails with the reason, and the folder it
/// created is removed so the store is left as it was.
/// </summary>
public sealed class CorpusImportJob(
    CorpusRepository corpora,
    JobStore jobs,
    DatasetFolders folders,
    IOptions<DatasetOptions> options,
    ILogger<CorpusImportJob> logger,
    IAudioDecoder? decoder = null) : IJobHandler
{
    public const string JobKind = "import-corpus";

    private const int MaxLoggedProblems = 500;

    public string Kind => JobKind;

    public static JobRequest Request(CorpusImportRequest request, string? userId) =>
        new(JobKind, System.Text.Json.JsonSerializer.Serialize(request), JobRequest.CpuDevice, request.WorkspaceId, userId);

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var request = context.ReadPayload<CorpusImportRequest>();
        var createdFolder = CreatesFolder(request.Source) ? folders.CorpusFolder(request.CorpusName, context.JobId) : null;
        var display = createdFolder is not null ? new ImportPathDisplay(createdFolder) : ImportPathDisplay.For(request.Path ?? "");
        try
        {
            if (await corpora.FindIdByNameAsync(request.CorpusName, request.WorkspaceId, cancellationToken) is not null)
                throw new InvalidOperationException($"A corpus named '{request.CorpusName}' already exists; choose another name.");
            RemoveFolder(createdFolder); // a re-queued attempt starts clean
            var result = await ImportAsync(request, createdFolder, context, cancellationToken);
            await LogProblemsAsync(context, result.Problems, display, cancellationToken);
            if (result.Corpus.Utterances.Count == 0)
                throw new InvalidDataException(NothingUsable(result.Problems, display));
            var corpus = result.Corpus with { Name = request.CorpusName };
            if (request.Source == CorpusSourceKind.Archive)
                await PruneAsync(createdFolder!, corpus, request, context, cancellationToken);
            var id = await corpora.SaveAsync(corpus, request.WorkspaceId, cancellationToken);
            await context.LogAsync(
                $"stored corpus '{corpus.Name}' as #{id}: {corpus.Utterances.Count} utterances imported, {result.Problems.Count} file(s) skipped",
                cancellationToken);
            DeleteUpload(request);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by a member (not a shutdown, which re-queues the job and keeps the upload): nothing is kept.
            if (await CancelRequestedAsync(context))
            {
                RemoveFolder(createdFolder);
                DeleteUpload(request);
            }
            throw;
        }
        catch (Exception e)
        {
            // A failed import leaves nothing behind; an interrupted one (shutdown) keeps its upload for the retry.
            RemoveFolder(createdFolder);
            DeleteUpload(request);
            logger.LogWarning("Import of corpus {Name} failed: {Message}", request.CorpusName, e.Message);
            // The reason members read names files as they know them, not where the server keeps them.
            var shown = display.Scrub(e.Message);
            if (shown == e.Message) throw;
            throw new InvalidDataException(shown, e);
        }
    }

    private static bool CreatesFolder(CorpusSourceKind source) => source is CorpusSourceKind.Archive or CorpusSourceKind.Synthetic;

    private async Task<ImportResult> ImportAsync(CorpusImportRequest request, string? createdFolder, JobContext context, CancellationToken cancellationToken)
    {
        if (request.Source == CorpusSourceKind.Archive)
        {
            await context.ReportProgressAsync(new CorpusImportProgress("extracting", 0, 0), cancellationToken);
            var zip = ArchivePath(request);
            if (!File.Exists(zip))
                throw new FileNotFoundException("The uploaded archive is no longer on the server; upload it again.");
            await SafeZipExtractor.ExtractAsync(zip, createdFolder!, options.Value, cancellationToken);
            await context.LogAsync($"extracted the upload into the corpus folder ({Directory.EnumerateFiles(createdFolder!, "*", SearchOption.AllDirectories).Count():N0} files)", cancellationToken);
        }
        var progress = new LatestProgress();
        var import = JobCompute.RunAsync(() => Import(request, createdFolder, progress, cancellationToken), cancellationToken);
        while (await Task.WhenAny(import, Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken)) != import)
        {
            if (progress.Latest is { } latest)
                await context.ReportProgressAsync(new CorpusImportProgress("importing", latest.Done, latest.Total), cancellationToken);
        }
        var result = await import;
        await context.ReportProgressAsync(new CorpusImportProgress("stored", result.Corpus.Utterances.Count, result.Corpus.Utterances.Count), cancellationToken);
        return result;
    }

    private ImportResult Import(CorpusImportRequest request, string? createdFolder, IProgress<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var path = request.Path ?? "";
        return request.Source switch
        {
            // An archive's manifest may name only its own files; a server manifest only files under the configured roots.
            CorpusSourceKind.Archive => Manifest(FindManifest(createdFolder!, request.Columns), request, PathConfinement.Within([createdFolder!]))
                .Import(progress, cancellationToken),
            CorpusSourceKind.Manifest => Manifest(path, request, PathConfinement.WithinOrAnywhere(options.Value.ServerImportRoots.ToList()))
                .Import(progress, cancellationToken),
            CorpusSourceKind.Iemocap => new IemocapImporter(path).Import(progress, cancellationToken),
            CorpusSourceKind.EmoDb => new EmoDbImporter(path).Import(progress, cancellationToken),
            CorpusSourceKind.FolderPerLabel => new FolderPerLabelImporter(path, decoder).Import(progress, cancellationToken),
            CorpusSourceKind.Synthetic => Synthetic(request, createdFolder!, progress, cancellationToken),
            _ => throw new InvalidDataException($"Unknown corpus source '{request.Source}'."),
        };
    }

    /// <summary>Keeps only the stored clips and the labels CSV of an extracted upload.</summary>
    private static async Task PruneAsync(string folder, Corpus corpus, CorpusImportRequest request, JobContext context, CancellationToken cancellationToken)
    {
        var kept = corpus.Utterances.Select(corpus.ResolveAudioPath).Append(FindManifest(folder, request.Columns));
        var removed = ExtractedFolderPruner.KeepOnly(folder, kept);
        if (removed > 0)
            await context.LogAsync($"removed {removed} extracted file(s) the corpus does not use (not named by the labels CSV, or refused)", cancellationToken);
    }

    private CsvManifestImporter Manifest(string manifestPath, CorpusImportRequest request, PathConfinement confinement)
    {
        var columns = request.Columns ?? new CsvColumnMapping();
        return new CsvManifestImporter(new CsvManifestOptions(
            manifestPath,
            FileColumn: columns.File,
            SpeakerColumn: columns.Speaker,
            SessionColumn: columns.Session,
            LabelColumn: string.IsNullOrWhiteSpace(columns.Label) ? null : columns.Label,
            TranscriptColumn: columns.Transcript,
            CorpusName: request.CorpusName,
            Confinement: confinement), decoder);
    }

    private static ImportResult Synthetic(CorpusImportRequest request, string folder, IProgress<ImportProgress> progress, CancellationToken cancellationToken)
    {
        var options = new SyntheticCorpusOptions(
            Seed: request.SyntheticSeed,
            ClipsPerSpeakerAndEmotion: request.SyntheticClipsPerSpeakerAndEmotion,
            CorpusName: request.CorpusName);
        return new ImportResult(new SyntheticCorpusGenerator().Generate(folder, options, progress, cancellationToken), []);
    }

    /// <summary>The labels CSV inside an extracted archive: the one the form named, else the only one there is.</summary>
    private static string FindManifest(string folder, CsvColumnMapping? columns)
    {
        var csvFiles = Directory.EnumerateFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var relative = csvFiles.Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();
        if (!string.IsNullOrWhiteSpace(columns?.ManifestFile))
        {
            var index = relative.FindIndex(r => string.Equals(r, columns.ManifestFile.Trim(), StringComparison.OrdinalIgnoreCase));
            return index >= 0
                ? csvFiles[index]
                : throw new InvalidDataException($"The archive has no CSV named '{columns.ManifestFile}'; it has: {Listing(relative)}.");
        }
        return relative.Count switch
        {
            0 => throw new InvalidDataException("The archive holds no labels CSV; add one (columns file, speaker, session, label) next to the audio."),
            1 => csvFiles[0],
            _ => throw new InvalidDataException($"The archive holds several CSV files ({Listing(relative)}); name the labels CSV in the form."),
        };
    }

    private static string Listing(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static string NothingUsable(IReadOnlyList<ImportProblem> problems, ImportPathDisplay display) =>
        problems.Count == 0
            ? "The source lists no utterances; nothing was stored."
            : $"None of the {problems.Count} listed file(s) could be imported, so nothing was stored. First problem: {Shown(problems[0], display)}";

    private static string Shown(ImportProblem problem, ImportPathDisplay display) => $"{display.Show(problem.Path)}: {display.Scrub(problem.Message)}";

    private static async Task LogProblemsAsync(JobContext context, IReadOnlyList<ImportProblem> problems, ImportPathDisplay display, CancellationToken cancellationToken)
    {
        foreach (var problem in problems.Take(MaxLoggedProblems))
            await context.LogAsync($"skipped {Shown(problem, display)}", cancellationToken);
        if (problems.Count > MaxLoggedProblems)
            await context.LogAsync($"... and {problems.Count - MaxLoggedProblems} more skipped file(s)", cancellationToken);
    }

    private string ArchivePath(CorpusImportRequest request)
    {
        var folder = request.Path ?? "";
        if (!folders.IsUnderUploads(folder))
            throw new InvalidDataException("An archive import must come from the portal's upload folder.");
        return Path.Combine(folder, DatasetService.ArchiveFileName);
    }

    private async Task<bool> CancelRequestedAsync(JobContext context) =>
        (await jobs.FindAsync(context.JobId, CancellationToken.None))?.CancelRequested == true;

    private static void RemoveFolder(string? folder)
    {
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private void DeleteUpload(CorpusImportRequest request)
    {
        if (request.Source == CorpusSourceKind.Archive && request.Path is { } folder && folders.IsUnderUploads(folder) && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// At start-up, before any upload can be in flight, removes what interrupted imports left in the data
/// folder: upload folders no queued or running import will read (a browser upload cut off by a crash or
/// kill -9, an import cancelled while queued) and extracted corpus folders of imports that were cancelled
/// or failed, which no stored corpus uses. Registered after the store's migration, so the store is ready.
/// </summary>
internal sealed partial class ImportLeftoversSweep(
    IDbContextFactory<PortalDbContext> contexts,
    DatasetFolders folders,
    ILogger<ImportLeftoversSweep> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var live = await db.Jobs.AsNoTracking()
            .Where(j => j.Kind == CorpusImportJob.JobKind && (j.State == JobState.Queued || j.State == JobState.Running))
            .Select(j => new { j.Id, j.PayloadJson })
            .ToListAsync(cancellationToken);
        var roots = (await db.Corpora.AsNoTracking().Select(c => c.AudioRoot).ToListAsync(cancellationToken)).Select(Path.GetFullPath).ToList();
        var liveUploads = live.Select(j => CorpusImportRequest.UploadFolderOf(j.PayloadJson)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var liveJobs = live.Select(j => j.Id).ToHashSet();

        var removed = 0;
        if (Directory.Exists(folders.Uploads))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folders.Uploads).Select(Path.GetFullPath).ToList())
                if (!liveUploads.Contains(entry)) removed += Remove(entry);
        }
        if (Directory.Exists(folders.Corpora))
        {
            foreach (var folder in Directory.EnumerateDirectories(folders.Corpora).Select(Path.GetFullPath).ToList())
            {
                if (JobSuffix().Match(Path.GetFileName(folder)) is not { Success: true } match) continue; // not made by an import job
                if (liveJobs.Contains(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))) continue;
                if (roots.Any(root => root == folder || root.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))) continue;
                removed += Remove(folder);
            }
        }
        if (removed > 0) logger.LogInformation("Removed {Count} upload or corpus folder(s) left by interrupted or cancelled imports", removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private int Remove(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove the import leftover {Path}: {Message}", path, e.Message);
            return 0;
        }
    }

    [GeneratedRegex(@"-job(\d+)$")]
    private static partial Regex JobSuffix();
}

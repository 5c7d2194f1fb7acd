using Microsoft.Extensions.Options;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;

namespace PairwiseCL.Web.Datasets;

/// <summary>Where uploads wait and where imported audio lives, both under the storage data folder.</summary>
public sealed class DatasetFolders(IOptions<StorageOptions> storage, IOptions<DatasetOptions> datasets)
{
    public string Uploads => Path.Combine(storage.Value.DataFolderFullPath, datasets.Value.UploadsFolder);

    public string Corpora => Path.Combine(storage.Value.DataFolderFullPath, datasets.Value.CorporaFolder);

    /// <summary>A fresh folder for one upload.</summary>
    public string NewUploadFolder() => Path.Combine(Uploads, Guid.NewGuid().ToString("N"));

    /// <summary>The audio folder of a corpus made by an import job: readable name, unique by job id.</summary>
    public string CorpusFolder(string corpusName, long jobId)
    {
        var slug = new string(corpusName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return Path.Combine(Corpora, $"{(slug.Length == 0 ? "corpus" : slug)}-job{jobId}");
    }

    /// <summary>True when <paramref name="path"/> is the uploads folder or inside it (the only place an upload job may delete).</summary>
    public bool IsUnderUploads(string path)
    {
        var root = Path.GetFullPath(Uploads) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }

    /// <summary>Deletes the upload of an archive import that was cancelled before it ran (a running one removes its own).</summary>
    public void RemoveUploadOfCancelledImport(JobEntity? job)
    {
        if (job is not { Kind: CorpusImportJob.JobKind, State: JobState.Cancelled }) return;
        if (CorpusImportRequest.UploadFolderOf(job.PayloadJson) is { } folder && IsUnderUploads(folder) && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}

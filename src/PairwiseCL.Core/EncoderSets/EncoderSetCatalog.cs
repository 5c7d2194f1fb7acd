namespace PairwiseCL.Core.EncoderSets;

/// <summary>
/// Encoder sets under a data folder: encoder-sets/{request hash}/. A folder counts only once its manifest exists, so
/// an interrupted pre-training is never listed; an identical request finds its stored set by the hash.
/// </summary>
public sealed class EncoderSetCatalog(string dataFolder)
{
    public string Root => Path.Combine(dataFolder, "encoder-sets");

    public string FolderOf(string requestHash)
    {
        if (requestHash.Length == 0 || !requestHash.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"'{requestHash}' is not an encoder set hash.", nameof(requestHash));
        return Path.Combine(Root, requestHash);
    }

    /// <summary>The stored set answering <paramref name="request"/>, or null.</summary>
    public EncoderSetManifest? Find(EncoderSetRequest request) =>
        File.Exists(Path.Combine(FolderOf(request.Hash), EncoderSetFiles.ManifestFile)) ? EncoderSetFiles.ReadManifest(FolderOf(request.Hash)) : null;

    /// <summary>Every complete set, newest first; a set trained on <paramref name="corpus"/> when given.</summary>
    public IReadOnlyList<EncoderSetManifest> List(string? corpus = null)
    {
        if (!Directory.Exists(Root)) return [];
        var sets = new List<EncoderSetManifest>();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (!File.Exists(Path.Combine(folder, EncoderSetFiles.ManifestFile))) continue;
            try
            {
                sets.Add(EncoderSetFiles.ReadManifest(folder));
            }
            catch (InvalidDataException)
            {
                // A damaged manifest is not a usable set; it stays on disk for inspection.
            }
        }
        return sets.Where(s => corpus is null || s.Request.Corpora.Any(c => c.Name == corpus))
            .OrderByDescending(s => s.CreatedAtUtc).ToList();
    }
}

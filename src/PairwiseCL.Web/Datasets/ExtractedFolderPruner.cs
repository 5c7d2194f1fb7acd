namespace PairwiseCL.Web.Datasets;

/// <summary>
/// After an archive import, removes from the corpus folder every file the corpus does not use (anything
/// the labels CSV never named, and named files that were refused), and the folders left empty, so an
/// upload cannot park arbitrary files in the data folder under a corpus's name.
/// </summary>
public static class ExtractedFolderPruner
{
    /// <returns>How many files were removed.</returns>
    public static int KeepOnly(string folder, IEnumerable<string> keptFiles)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) return 0;
        var kept = new HashSet<string>(keptFiles.Select(f => Path.GetFullPath(f)), StringComparer.Ordinal);
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList())
        {
            if (kept.Contains(file)) continue;
            File.Delete(file);
            removed++;
        }
        // Deepest first, so a parent is only looked at once its children are gone.
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length).ToList())
            if (!Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        return removed;
    }
}

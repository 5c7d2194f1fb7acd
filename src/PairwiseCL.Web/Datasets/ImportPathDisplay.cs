namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Import logs and failures are read by members: a path is shown relative to the folder the import reads (the
/// extracted upload, or the server folder the member named), never as the server's absolute path.
/// </summary>
public sealed class ImportPathDisplay(string root)
{
    private readonly string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>For a source that names a manifest file, its folder; for a folder source, the folder itself.</summary>
    public static ImportPathDisplay For(string source) =>
        new(File.Exists(source) ? Path.GetDirectoryName(Path.GetFullPath(source))! : source.Length == 0 ? "/" : source);

    /// <summary>The path relative to the import's folder; outside it (a refused row), only the file name.</summary>
    public string Show(string path)
    {
        var full = Path.GetFullPath(path, root);
        var relative = Path.GetRelativePath(root, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFileName(full) : relative.Replace('\\', '/');
    }

    /// <summary>Text (a decoder's or parser's message) with the import folder's absolute path taken out.</summary>
    public string Scrub(string text) =>
        root.Length <= 1 ? text : text.Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(root, ".", StringComparison.Ordinal);
}

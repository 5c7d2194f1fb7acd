namespace PairwiseCL.Core.Files;

/// <summary>
/// Folders a set of user-named paths must stay inside (a corpus's extracted archive, the configured
/// import roots). A path is inside when its canonical form, links resolved, lies under a root's canonical
/// form; "..", absolute paths and links leading out are all outside. <see cref="Anywhere"/> allows every path.
/// </summary>
public sealed class PathConfinement
{
    private readonly IReadOnlyList<string>? _roots;

    private PathConfinement(IReadOnlyList<string>? roots) => _roots = roots;

    public static PathConfinement Anywhere { get; } = new(null);

    public static PathConfinement Within(IEnumerable<string> roots)
    {
        var canonical = roots.Select(Canonical).Distinct(StringComparer.Ordinal).ToList();
        if (canonical.Count == 0) throw new ArgumentException("A confinement needs at least one folder.", nameof(roots));
        return new PathConfinement(canonical);
    }

    /// <summary>Roots when any are configured, else <see cref="Anywhere"/>.</summary>
    public static PathConfinement WithinOrAnywhere(IReadOnlyCollection<string>? roots) =>
        roots is { Count: > 0 } ? Within(roots) : Anywhere;

    public bool IsUnrestricted => _roots is null;

    public IReadOnlyList<string> Roots => _roots ?? [];

    public bool Allows(string path)
    {
        if (_roots is null) return true;
        var candidate = Canonical(path);
        return _roots.Any(root => candidate.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The full path with every link resolved as far as it exists (a missing file keeps its resolved folder).</summary>
    private static string Canonical(string path)
    {
        var full = Path.GetFullPath(path);
        if (NativePaths.RealPath(full) is { } real) return real;
        var parent = Path.GetDirectoryName(full);
        return parent is null || parent == full ? full : Path.Combine(Canonical(parent), Path.GetFileName(full));
    }
}

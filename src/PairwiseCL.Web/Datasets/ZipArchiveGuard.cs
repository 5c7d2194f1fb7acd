using System.IO.Compression;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Reads a zip's central directory, without extracting anything, and refuses archives that could write
/// outside their folder (path traversal, absolute paths, links) or exhaust the disk (too many entries,
/// too many bytes, an implausible compression ratio). <see cref="SafeZipExtractor"/> re-checks the
/// byte counts while extracting, since an archive's declared sizes can lie.
/// </summary>
public static class ZipArchiveGuard
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    public static ArchiveCheck Inspect(string zipPath, DatasetOptions limits)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zipPath);
            return Inspect(archive, limits);
        }
        catch (InvalidDataException e)
        {
            return ArchiveCheck.Refused($"The upload is not a readable zip archive: {e.Message}");
        }
    }

    private static ArchiveCheck Inspect(ZipArchive archive, DatasetOptions limits)
    {
        if (archive.Entries.Count > limits.MaxEntries)
            return ArchiveCheck.Refused($"The archive holds {archive.Entries.Count:N0} entries; at most {limits.MaxEntries:N0} are allowed.");
        var files = new List<string>();
        long total = 0, packed = 0;
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName;
            if (UnsafeName(name) is { } reason)
                return ArchiveCheck.Refused($"The archive entry '{name}' {reason}; nothing was extracted.");
            if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
                return ArchiveCheck.Refused($"The archive entry '{name}' is a symbolic link; links are not allowed, nothing was extracted.");
            if (name.EndsWith('/')) continue;
            total += entry.Length;
            if (total > limits.MaxExtractedBytes)
                return ArchiveCheck.Refused($"The archive unpacks to more than {Bytes(limits.MaxExtractedBytes)}, the limit; nothing was extracted.");
            if (entry.Length >= limits.CompressionRatioFloorBytes && entry.Length > limits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                return ArchiveCheck.Refused(
                    $"The archive entry '{name}' expands {entry.Length / (double)Math.Max(1, entry.CompressedLength):N0} times " +
                    $"(limit {limits.MaxCompressionRatio:N0}); it looks like a zip bomb, nothing was extracted.");
            packed += entry.CompressedLength;
            files.Add(name);
        }
        if (files.Count == 0)
            return ArchiveCheck.Refused("The archive holds no files.");
        // Many entries each under the per-entry floor add up to a bomb too (1,500 x 1 MiB of zeros fit in 1.7 MB).
        if (total >= limits.CompressionRatioFloorBytes && total > limits.MaxCompressionRatio * Math.Max(1, packed))
            return ArchiveCheck.Refused(
                $"The archive as a whole expands {total / (double)Math.Max(1, packed):N0} times ({Bytes(packed)} packed, {Bytes(total)} unpacked; " +
                $"limit {limits.MaxCompressionRatio:N0}); it looks like a zip bomb, nothing was extracted.");
        if (Clash(archive.Entries.Select(e => e.FullName)) is { } clash)
            return ArchiveCheck.Refused($"The archive {clash}; nothing was extracted.");
        return new ArchiveCheck(true, $"{files.Count:N0} files, {Bytes(total)} unpacked.", files, total);
    }

    /// <summary>
    /// Two entries that would land on one path (a repeated name, "a/b" and "a\b", "a//b", "./a/b"), or a file
    /// where another entry needs a folder: extraction would fail half-way. Null when every path is distinct.
    /// </summary>
    private static string? Clash(IEnumerable<string> names)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var segments = name.Split('/', '\\').Where(s => s is not ("" or ".")).ToArray();
            var path = string.Join('/', segments);
            for (var i = 1; i < segments.Length; i++) folders.Add(string.Join('/', segments[..i]));
            if (name.EndsWith('/') || name.EndsWith('\\')) folders.Add(path);
            else if (!files.Add(path)) return $"holds the file '{path}' twice";
        }
        return files.FirstOrDefault(folders.Contains) is { } both ? $"holds '{both}' both as a file and as a folder" : null;
    }

    /// <summary>Why an entry name could escape the extraction folder, or null when it cannot.</summary>
    private static string? UnsafeName(string name)
    {
        if (name.Length == 0) return "has an empty name";
        if (name.Contains('\0')) return "has a NUL character in its name";
        if (name[0] is '/' or '\\' || (name.Length >= 2 && name[1] == ':'))
            return "has an absolute path";
        var segments = name.Split('/', '\\');
        if (segments.Any(s => s == ".."))
            return "climbs out of the archive's folder with '..' (path traversal)";
        return null;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KiB",
        _ => $"{bytes} bytes",
    };
}

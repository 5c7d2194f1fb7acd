using System.Collections.Concurrent;

namespace PairwiseCL.Core.Files;

/// <summary>
/// Files our own code must never open as plain files: the SQLite store and its -wal, -shm and -journal
/// companions. On Linux, closing any descriptor of a file drops every POSIX lock the process holds on it,
/// so reading the store "as audio" (a manifest naming it, a link to it) would silently release SQLite's
/// locks; another process could then checkpoint and delete the WAL the portal is still writing into.
/// Every path a user can name is opened through <see cref="OpenRead"/> or checked with
/// <see cref="ThrowIfProtected"/>; a path is the store when it is the same file (device and inode), or
/// resolves (links followed) to the same path.
/// </summary>
public static class ProtectedFiles
{
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];
    private static readonly ConcurrentDictionary<string, byte> Paths = new(StringComparer.Ordinal);

    /// <summary>Registers a SQLite database file and its companions (idempotent; called wherever a store connection is configured).</summary>
    public static void ProtectDatabase(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        foreach (var suffix in Companions) Paths.TryAdd(full + suffix, 0);
    }

    /// <summary>Why a store file named as audio is refused (it is never opened).</summary>
    public const string NotAudioProblem = "is one of the portal's store files and is never read as audio";

    public static bool IsProtected(string path)
    {
        if (Paths.IsEmpty) return false;
        var full = Path.GetFullPath(path);
        var real = NativePaths.RealPath(full) ?? full;
        var identity = NativePaths.Identity(full);
        foreach (var protectedPath in Paths.Keys)
        {
            if (SamePath(full, protectedPath) || SamePath(real, protectedPath)) return true;
            if (NativePaths.RealPath(protectedPath) is { } protectedReal && SamePath(real, protectedReal)) return true;
            if (identity is not null && NativePaths.Identity(protectedPath) == identity) return true;
        }
        return false;
    }

    /// <exception cref="ProtectedFileException">The path is one of the store's files.</exception>
    public static void ThrowIfProtected(string path)
    {
        if (IsProtected(path)) throw new ProtectedFileException(path);
    }

    /// <summary>Opens a file for reading unless it is one of the store's files.</summary>
    public static FileStream OpenRead(string path, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        ThrowIfProtected(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options);
    }

    public static byte[] ReadAllBytes(string path)
    {
        using var stream = OpenRead(path, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length > Array.MaxLength) throw new IOException($"{path} is too large to read into memory");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a, b, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}

/// <summary>A path that names one of the store's files; it is refused, never opened.</summary>
public sealed class ProtectedFileException(string path)
    : IOException($"{path} is one of the portal's store files and is never opened as a plain file")
{
    public string PathName { get; } = path;
}

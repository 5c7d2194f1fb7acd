using System.IO.Compression;

namespace PairwiseCL.Web.Datasets;

/// <summary>
/// Extracts an archive that <see cref="ZipArchiveGuard"/> accepted, checking again that every path
/// stays inside the target folder and counting the bytes really written against the limit.
/// </summary>
public static class SafeZipExtractor
{
    public static async Task ExtractAsync(string zipPath, string targetFolder, DatasetOptions limits, CancellationToken cancellationToken)
    {
        var check = ZipArchiveGuard.Inspect(zipPath, limits);
        if (!check.IsSafe) throw new InvalidDataException(check.Message);
        var root = Path.GetFullPath(targetFolder) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        using var archive = ZipFile.OpenRead(zipPath);
        long written = 0;
        var buffer = new byte[81920];
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.GetFullPath(Path.Combine(root, entry.FullName.Replace('\\', '/')));
            if (!destination.StartsWith(root, StringComparison.Ordinal))
                throw new InvalidDataException($"The archive entry '{entry.FullName}' would land outside the corpus folder.");
            if (entry.FullName.EndsWith('/')) { Directory.CreateDirectory(destination); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await using var input = entry.Open();
            await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > limits.MaxExtractedBytes)
                    throw new InvalidDataException($"The archive unpacks to more than {ZipArchiveGuard.Bytes(limits.MaxExtractedBytes)}, more than it declared.");
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
    }
}

namespace PairwiseCL.Web.Transfer;

/// <summary>Copies an upload to a file, stopping as soon as it exceeds a size limit (declared sizes can lie).</summary>
public static class LimitedCopy
{
    /// <returns>False when the stream held more than <paramref name="limit"/> bytes; the partial file is left for the caller to delete.</returns>
    /// <param name="received">Bytes copied so far, after every block (upload progress bars).</param>
    public static async Task<bool> ToFileAsync(Stream source, string path, long limit, CancellationToken cancellationToken, IProgress<long>? received = null)
    {
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit) return false;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            received?.Report(total);
        }
        return true;
    }
}

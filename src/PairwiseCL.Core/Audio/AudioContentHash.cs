using System.Security.Cryptography;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Audio;

/// <summary>SHA-256 of a file's bytes as lower-case hex: identifies audio by content, not by path.</summary>
public static class AudioContentHash
{
    public static string Of(string path)
    {
        try
        {
            using var stream = ProtectedFiles.OpenRead(path, 1 << 16, FileOptions.SequentialScan);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"cannot be read ({ex.Message})", ex);
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace PairwiseCL.Web.Sharing;

/// <summary>Share-link tokens: 256 random bits, URL-safe; the store keeps only their SHA-256.</summary>
public static class ShareTokens
{
    public static string Create() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

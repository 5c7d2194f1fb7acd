using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PairwiseCL.Core.Views;

/// <summary>Stable digest of a configuration record: SHA-256 of its JSON, first 16 hex characters.</summary>
public static class ConfigurationHash
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string Of<T>(T configuration) where T : notnull
    {
        var json = JsonSerializer.Serialize(configuration, configuration.GetType(), Options);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(configuration.GetType().Name + ":" + json));
        return Convert.ToHexStringLower(digest)[..16];
    }
}

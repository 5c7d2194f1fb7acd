using System.Security.Cryptography;
using System.Text.Json;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.EncoderSets;

/// <summary>
/// An encoder set's folder: manifest.json and encoders/{view}.bin. Loading checks each file against the manifest's
/// hash, so a truncated or altered file is refused instead of silently giving other representations.
/// </summary>
public static class EncoderSetFiles
{
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string EncoderPath(string view) => Path.Combine("encoders", view + ".bin");

    public static void WriteManifest(EncoderSetManifest manifest, string folder)
    {
        AtomicFile.WriteAllText(Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));
    }

    public static EncoderSetManifest ReadManifest(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path)) throw new InvalidDataException($"The encoder set folder has no {ManifestFile}.");
        try
        {
            return JsonSerializer.Deserialize<EncoderSetManifest>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{ManifestFile} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{ManifestFile} is not an encoder set manifest: {e.Message}", e);
        }
    }

    /// <summary>The view's encoder in evaluation mode, after checking its file against the manifest.</summary>
    public static ViewEncoder LoadEncoder(string folder, EncoderSetManifest manifest, string view)
    {
        var entry = manifest.Encoders.FirstOrDefault(e => e.View == view)
                    ?? throw new ArgumentException($"Encoder set '{manifest.Name}' has no '{view}' encoder; it has {string.Join(", ", manifest.Encoders.Select(e => e.View))}.");
        var path = Path.Combine(folder, EncoderPath(view));
        if (!File.Exists(path)) throw new InvalidDataException($"Encoder set '{manifest.Name}' lacks its '{view}' weights file.");
        if (Sha256(path) != entry.Sha256)
            throw new InvalidDataException($"Encoder set '{manifest.Name}': the '{view}' weights file does not match its recorded hash (altered or truncated).");
        var encoder = manifest.Request.Architecture.CreateEncoder(view);
        encoder.load(path);
        encoder.eval();
        return encoder;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

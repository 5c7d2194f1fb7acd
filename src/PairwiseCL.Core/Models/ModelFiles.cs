using System.Text.Json;
using PairwiseCL.Core.Files;

namespace PairwiseCL.Core.Models;

/// <summary>
/// A deployable model on disk: one folder with <see cref="WeightsFile"/> (TorchSharp weights of the encoder
/// and classifier) and <see cref="ConfigurationFile"/> (the <see cref="ModelConfiguration"/> as JSON).
/// </summary>
public static class ModelFiles
{
    public const string WeightsFile = "model.bin";
    public const string ConfigurationFile = "model.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<string> Files { get; } = [WeightsFile, ConfigurationFile];

    public static bool Exists(string folder) => Files.All(f => File.Exists(Path.Combine(folder, f)));

    public static void Save(EmotionClassifier model, ModelConfiguration configuration, string folder)
    {
        Directory.CreateDirectory(folder);
        var weights = Path.Combine(folder, WeightsFile);
        AtomicFile.Write(weights, temporary => model.save(temporary));
        File.WriteAllText(Path.Combine(folder, ConfigurationFile), JsonSerializer.Serialize(configuration, Json));
    }

    public static ModelConfiguration ReadConfiguration(string folder)
    {
        var path = Path.Combine(folder, ConfigurationFile);
        try
        {
            return JsonSerializer.Deserialize<ModelConfiguration>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a model configuration: {e.Message}", e);
        }
    }

    /// <summary>Rebuilds the classifier described by <paramref name="configuration"/> and loads its weights, in evaluation mode.</summary>
    public static EmotionClassifier Load(string folder, ModelConfiguration configuration)
    {
        var model = SeededModules.Build(() => new EmotionClassifier(configuration.Architecture.CreateEncoder(configuration.View), configuration.ClassNames.Count));
        try
        {
            model.load(Path.Combine(folder, WeightsFile));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.eval();
        return model;
    }
}

using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.Files;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.LabelledModels;

/// <summary>
/// One unlabelled clip as a model sees it: the class it predicts, its probability (confidence) and the margin to the
/// runner-up, which orders "least confident first".
/// </summary>
public sealed record ClipPrediction(string ClipId, string Predicted, double Confidence, double Margin, IReadOnlyList<double> Probabilities);

/// <summary>What "Predict the rest" stored: which model predicted, under which label set, when, and one row per clip.</summary>
public sealed record CorpusPredictionSet(string Model, string LabelSet, IReadOnlyList<string> ClassNames, DateTime CreatedAtUtc, IReadOnlyList<ClipPrediction> Clips)
{
    /// <summary>The clips ordered by the model's doubt: smallest margin between its two most probable classes first.</summary>
    public IEnumerable<ClipPrediction> LeastConfidentFirst => Clips.OrderBy(c => c.Margin).ThenBy(c => c.ClipId, StringComparer.Ordinal);

    /// <summary>Why a clip stands where it does in a least-confident order, e.g. "model unsure: anger 0.41, neutral 0.38".</summary>
    public string Reason(ClipPrediction clip)
    {
        var top = clip.Probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).Take(2)
            .Select(x => $"{ClassNames[x.i]} {x.p.ToString("0.00", CultureInfo.InvariantCulture)}");
        return $"model unsure: {string.Join(", ", top)}";
    }
}

/// <summary>
/// Classifies a corpus's unlabelled clips with a saved model ("Predict the rest") and keeps the result beside the
/// model as predictions.json, with a CSV export whose every cell is escaped against formula injection.
/// </summary>
public static class CorpusPredictions
{
    public const string PredictionsFile = "predictions.json";

    /// <summary>
    /// Loads the model saved in <paramref name="modelFolder"/> (each view's, for a late fusion) onto <paramref name="device"/> and predicts the
    /// clips: the mean of the views' probabilities.
    /// </summary>
    /// <param name="features">Each view's features of the clips, in <paramref name="clipIds"/>' order.</param>
    public static CorpusPredictionSet Predict(string modelFolder, string labelSet, IReadOnlyList<string> clipIds, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> features,
        Device device, BatchPadding padding, DateTime createdAtUtc, CancellationToken cancellationToken = default)
    {
        var folders = LabelledModelFolder.ViewFolders(modelFolder);
        if (folders.Count == 0) throw new InvalidDataException("The model's files are missing.");
        var configurations = folders.Select(ModelFiles.ReadConfiguration).ToList();
        var fused = LateFusion.Mean(folders.Select((folder, v) =>
        {
            var configuration = configurations[v];
            if (!features.TryGetValue(configuration.View, out var viewFeatures) || viewFeatures.Count != clipIds.Count)
                throw new ArgumentException($"{clipIds.Count} clips but no matching {configuration.View} features.", nameof(features));
            using var model = ModelFiles.Load(folder, configuration);
            model.to(device);
            return clipIds.Count == 0 ? [] : Inference.Probabilities(model, viewFeatures, device, cancellationToken: cancellationToken, padding: padding);
        }).ToList());
        var first = configurations[0];
        var rows = clipIds.Select((id, i) => Row(id, fused[i], first.ClassNames)).ToList();
        var name = LabelledModelFolder.Read(modelFolder)?.Name ?? first.Name;
        return new CorpusPredictionSet(name, labelSet, first.ClassNames, createdAtUtc, rows);
    }

    private static ClipPrediction Row(string id, double[] probabilities, IReadOnlyList<string> classes)
    {
        var order = probabilities.Select((p, i) => (p, i)).OrderByDescending(x => x.p).ToList();
        var margin = order.Count > 1 ? order[0].p - order[1].p : 1;
        return new ClipPrediction(id, classes[order[0].i], order[0].p, margin, probabilities);
    }

    /// <summary>Writes the set into <paramref name="folder"/> whole or not at all: a reader never meets half a file.</summary>
    public static void Save(CorpusPredictionSet set, string folder) =>
        AtomicFile.WriteAllText(Path.Combine(folder, PredictionsFile), JsonSerializer.Serialize(set, ResultJson.Indented));

    /// <summary>Whether the model in <paramref name="folder"/> has predicted the rest (without reading the predictions).</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, PredictionsFile));

    /// <summary>The predictions stored in a model folder, or null when it has none or they cannot be read.</summary>
    public static CorpusPredictionSet? Read(string folder)
    {
        var path = Path.Combine(folder, PredictionsFile);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<CorpusPredictionSet>(File.ReadAllText(path), ResultJson.Indented); }
        catch (JsonException) { return null; }
    }

    /// <summary>clip, predicted, confidence, margin, then one probability column per class; least confident first.</summary>
    public static string ToCsv(CorpusPredictionSet set) =>
        new ReportTable("predictions", $"predictions of {set.Model}", ["clip", "predicted", "confidence", "margin", .. set.ClassNames.Select(c => $"p_{c}")],
            set.LeastConfidentFirst.Select(c => (IReadOnlyList<string>)[c.ClipId, c.Predicted, Number(c.Confidence), Number(c.Margin), .. c.Probabilities.Select(Number)]).ToList())
        .ToCsv();

    private static string Number(double value) => Csv.Number(value);
}

using System.Text.Json;

namespace PairwiseCL.Core.Analysis;

/// <summary>
/// The t-SNE benchmark for `pairwisecl bench`: embeds data/reference/tsne (8x8 digits, 1797 x 64) and
/// scores the map as the reference did — trustworthiness at 10 neighbours and 5-fold 5-NN accuracy.
/// </summary>
public static class TsneBenchmark
{
    public const int TrustworthinessNeighbours = 10;
    public const int KnnNeighbours = 5;
    public const int KnnFolds = 5;

    /// <param name="referenceFolder">The folder holding digits_x.csv, digits_labels.csv and expected.json.</param>
    public static TsneBenchmarkResult RunOnReference(
        string referenceFolder,
        TsneOptions? options = null,
        IProgress<TsneProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var expected = Path.Combine(referenceFolder, "expected.json");
        if (!File.Exists(expected))
            throw new FileNotFoundException($"No t-SNE reference at {referenceFolder} (expected.json is missing).", expected);
        var points = NumericCsv.ReadMatrix(Path.Combine(referenceFolder, "digits_x.csv"));
        var labels = NumericCsv.ReadLabels(Path.Combine(referenceFolder, "digits_labels.csv"));

        var result = Tsne.Embed(points, options, progress, cancellationToken);
        var trust = Trustworthiness.Compute(points, result.Embedding, TrustworthinessNeighbours, cancellationToken);
        var knn = NearestNeighbourAccuracy.CrossValidated(result.Embedding, labels, KnnNeighbours, KnnFolds);

        var runs = JsonDocument.Parse(File.ReadAllText(expected)).RootElement.GetProperty("runs")
            .EnumerateObject().Select(run => run.Value).ToArray();
        double Mean(string name) => runs.Average(run => run.GetProperty(name).GetDouble());
        return new TsneBenchmarkResult(
            points.GetLength(0), points.GetLength(1), result.Method, result.Elapsed.TotalSeconds, trust, knn,
            Mean("seconds"), Mean("trustworthiness_k10"), Mean("knn5_accuracy_cv5"));
    }
}

using PairwiseCL.Core.Analysis;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// The paper's representation analysis on one fold's labelled test utterances: t-SNE maps of each view's
/// 128-d representations for the pre-trained, supervised and randomly initialised encoders (Figures 5/6),
/// and PWCCA between every pair of views with a random-vector baseline of the same shape (Table 3).
/// PWCCA needs more datapoints than neurons: with fewer than four per neuron, both sides are first reduced
/// to their leading principal components (N / 4 of them), SVCCA-style, and the baseline gets the same shape.
/// </summary>
internal sealed class RepresentationAnalysis(ProtocolConfiguration configuration, FoldData data, Device device)
{
    private const string PreTrained = "pre-trained", Supervised = "supervised", RandomInit = "random init";

    public IEnumerable<EmbeddingPlot> Embeddings(PairwiseClModel? pretrained, IReadOnlyDictionary<string, EmotionClassifier> supervised, CancellationToken cancellationToken)
    {
        var test = data.LabelledTest;
        var labels = test.Select(t => data.Input.FineTuneLabels.Classes[t.ClassIndex]).ToArray();
        var ids = test.Select(t => t.Utterance.Id).ToArray();
        if (test.Count < 5) yield break;
        foreach (var view in configuration.Views)
        foreach (var (state, representations) in States(view, pretrained, supervised))
        {
            var options = new TsneOptions { Perplexity = Math.Min(30, (test.Count - 1) / 3.0), Seed = configuration.Seed };
            var map = Tsne.Embed(representations, options, cancellationToken: cancellationToken).Embedding;
            yield return new EmbeddingPlot(view, state,
                Enumerable.Range(0, test.Count).Select(i => map[i, 0]).ToArray(),
                Enumerable.Range(0, test.Count).Select(i => map[i, 1]).ToArray(), labels, ids);
        }
    }

    public IEnumerable<PwccaRow> Pwcca(PairwiseClModel? pretrained, IReadOnlyDictionary<string, EmotionClassifier> supervised)
    {
        var views = configuration.Views;
        var byView = views.ToDictionary(v => v, v => States(v, pretrained, supervised).ToDictionary(s => s.State, s => s.Representations));
        for (var a = 0; a < views.Count; a++)
        for (var b = a + 1; b < views.Count; b++)
        foreach (var state in new[] { PreTrained, Supervised, RandomInit })
        {
            if (!byView[views[a]].TryGetValue(state, out var left) || !byView[views[b]].TryGetValue(state, out var right)) continue;
            var (x, y) = (Reduced(left), Reduced(right));
            var similarity = Analysis.Pwcca.Compute(x, y).Similarity;
            var baseline = Analysis.Pwcca.RandomBaseline(x.GetLength(0), x.GetLength(1), y.GetLength(1), configuration.Seed).Similarity;
            yield return new PwccaRow(views[a], views[b], state, similarity, baseline);
        }
    }

    private IEnumerable<(string State, double[,] Representations)> States(string view, PairwiseClModel? pretrained, IReadOnlyDictionary<string, EmotionClassifier> supervised)
    {
        if (pretrained is not null) yield return (PreTrained, Represent(pretrained.Encoder(view), view));
        if (supervised.TryGetValue(view, out var model)) yield return (Supervised, Represent(model.Encoder, view));
        using var random = SeededModules.Build(StableSeed.Of(configuration.Seed, 99), () => configuration.Architecture.CreateEncoder(view));
        InputStatistics.Fit(random, data.LabelledTrain.Select(t => data.FeaturesOf(t.Utterance, view)).ToList());
        random.to(device);
        yield return (RandomInit, Represent(random, view));
    }

    private double[,] Represent(ViewEncoder encoder, string view)
    {
        using var scope = NewDisposeScope();
        var features = data.LabelledTest.Select(t => data.FeaturesOf(t.Utterance, view)).ToList();
        var representations = Inference.Representations(encoder, features, device).to(float64).cpu();
        var (rows, columns) = ((int)representations.shape[0], (int)representations.shape[1]);
        var flat = representations.data<double>().ToArray();
        var matrix = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
        return matrix;
    }

    private static double[,] Reduced(double[,] representations)
    {
        var (rows, columns) = (representations.GetLength(0), representations.GetLength(1));
        if (rows >= 4 * columns) return representations;
        var components = Math.Max(2, Math.Min(columns, rows / 4));
        var flat = new double[rows * columns];
        Buffer.BlockCopy(representations, 0, flat, 0, flat.Length * sizeof(double));
        var projected = PcaProjection.Project(flat, columns, components);
        var matrix = new double[rows, components];
        Buffer.BlockCopy(projected, 0, matrix, 0, projected.Length * sizeof(double));
        return matrix;
    }
}

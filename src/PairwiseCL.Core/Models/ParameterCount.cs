using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Frozen and trainable parameter counts of one model setup (a row of the paper's Table 5).</summary>
public sealed record ParameterCount(string View, string Setup, long Frozen, long Trainable)
{
    public const string Supervised = "supervised";
    public const string FineTuneFrozen = "fine-tune (frozen encoder)";
    public const string FineTuneTuned = "fine-tune (tuned encoder)";
    public const string Pretraining = "pre-training";

    /// <summary>Number of scalar parameters of a module.</summary>
    public static long Of(nn.Module module) => module.parameters().Sum(p => p.numel());

    /// <summary>
    /// Table 5 for the given views: per view supervised / fine-tune frozen / fine-tune tuned, then one row
    /// for multi-view pre-training of all views with their projection heads. Upstream models that produce a
    /// view's features (wav2vec 2.0) count as frozen everywhere.
    /// </summary>
    public static IReadOnlyList<ParameterCount> Table(ModelArchitecture architecture, IReadOnlyList<string> views, int classes)
    {
        var rows = new List<ParameterCount>();
        foreach (var view in views)
        {
            using var model = SeededModules.Build(() => new EmotionClassifier(architecture.CreateEncoder(view), classes));
            var encoder = Of(model.Encoder);
            var classifier = Of(model.Classifier);
            var upstream = architecture.UpstreamParametersOf(view);
            rows.Add(new ParameterCount(view, Supervised, upstream, encoder + classifier));
            rows.Add(new ParameterCount(view, FineTuneFrozen, upstream + encoder, classifier));
            rows.Add(new ParameterCount(view, FineTuneTuned, upstream, encoder + classifier));
        }
        if (views.Count >= 2)
        {
            using var pretraining = SeededModules.Build(() => new PairwiseClModel(views, architecture));
            rows.Add(new ParameterCount(string.Join("+", views), Pretraining, views.Sum(architecture.UpstreamParametersOf), Of(pretraining)));
        }
        return rows;
    }
}

using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Reports;

/// <summary>PWCCA between two views' test-set representations, with the random-vector baseline (Table 3).</summary>
public sealed record PwccaRow(string ViewA, string ViewB, string Encoders, double Pwcca, double RandomBaseline);

/// <summary>Frozen and trainable parameters of one setup (Table 5).</summary>
public sealed record ParameterRow(string Setup, long Frozen, long Trainable);

/// <summary>A 2-D t-SNE embedding of test utterances for one view and encoder state (Figures 5 and 6).</summary>
public sealed record EmbeddingPlot(string View, string State, double[] X, double[] Y, string[] Labels, string[] UtteranceIds);

/// <summary>Per-epoch losses of one training run, for the loss-curve figure.</summary>
public sealed record LossCurve(string Name, double[] TrainLoss, double[] ValidationLoss);

/// <summary>
/// Everything a protocol run produced, ready to be written as a report folder. <paramref name="Models"/>
/// lists the saved fine-tuned models (null in reports written before models were kept).
/// </summary>
public sealed record ReportContent(
    string Title,
    string ConfigurationJson,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<PwccaRow> Pwcca,
    IReadOnlyList<ParameterRow> Parameters,
    IReadOnlyList<EmbeddingPlot> Embeddings,
    IReadOnlyList<LossCurve> LossCurves,
    TimeSpan Elapsed,
    IReadOnlyList<DeployableModel>? Models = null);

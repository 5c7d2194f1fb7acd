using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// What the "New experiment" form edits (and the HTTP API accepts): mutable for binding, turned into
/// the immutable <see cref="ProtocolConfiguration"/> at launch. Defaults are the paper's.
/// </summary>
public sealed class ExperimentDraft
{
    public string Name { get; set; } = "";

    public int CorpusId { get; set; }

    /// <summary>
    /// Another corpus of the workspace (labelled or not) whose utterances join every fold's pre-training; it never
    /// fine-tunes or tests. Null: the fine-tuning corpus pre-trains alone.
    /// </summary>
    public int? PretrainCorpusId { get; set; }

    /// <summary>Leave-one-session-out (the paper's) or leave-one-speaker-out folds.</summary>
    public Core.Corpora.FoldScheme FoldScheme { get; set; } = Core.Corpora.FoldScheme.LeaveOneSessionOut;

    /// <summary>A label set of the corpus by name; when empty, <see cref="Labels"/> are the classes.</summary>
    public string? LabelSetName { get; set; }

    /// <summary>Raw labels used as classes when no label set is chosen.</summary>
    public List<string> Labels { get; set; } = [];

    public List<string> Views { get; set; } = ["mel"];

    public List<string> Methods { get; set; } = [.. MethodNames.All];

    public List<double> FractionsPercent { get; set; } = [.. ProtocolConfiguration.PaperFractions];

    public int Repeats { get; set; } = 10;

    /// <summary>Table 1's grid; the sweep uses 0.5 when listed, otherwise the first.</summary>
    public List<double> Temperatures { get; set; } = [0.1, 0.25, 0.5, 1.0];

    public bool OutOfDistribution { get; set; } = true;

    public bool Analysis { get; set; } = true;

    public int PretrainEpochs { get; set; } = 100;

    public int PretrainPatience { get; set; } = 30;

    public int FineTuneEpochs { get; set; } = 100;

    public int FineTunePatience { get; set; } = 20;

    public int BatchSize { get; set; } = 128;

    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Retrain on training + validation for the early-stopped epoch count (see <see cref="FineTuningConfig"/>).</summary>
    public bool RefitOnTrainingAndValidation { get; set; } = new FineTuningConfig().RefitOnTrainingAndValidation;

    public int Seed { get; set; }

    /// <summary>Fixed15s (the paper's) or length-bucketed batches (see <see cref="BatchPadding"/>).</summary>
    public BatchPadding Padding { get; set; } = new PretrainingConfig().Padding;

    /// <summary>The "quick" preset: minutes on a 2-core CPU (fewer repeats, fractions and epochs, one temperature).</summary>
    public void ApplyQuickPreset() => Apply(ProtocolConfiguration.Quick(Views));

    /// <summary>The paper's protocol.</summary>
    public void ApplyPaperPreset() => Apply(ProtocolConfiguration.Paper(Views));

    public ProtocolConfiguration ToConfiguration()
    {
        var temperatures = Temperatures.Distinct().ToList();
        var sweep = temperatures.Contains(0.5) || temperatures.Count == 0 ? 0.5 : temperatures[0];
        return new ProtocolConfiguration(
            [.. Views], [.. Methods], [.. FractionsPercent.Distinct().Order()], Repeats, sweep, temperatures, OutOfDistribution, Analysis,
            new PretrainingConfig(Temperature: sweep, LearningRate: LearningRate, MaxEpochs: PretrainEpochs, BatchSize: BatchSize, Patience: PretrainPatience),
            new FineTuningConfig(LearningRate: LearningRate, MaxEpochs: FineTuneEpochs, BatchSize: BatchSize, Patience: FineTunePatience,
                RefitOnTrainingAndValidation: RefitOnTrainingAndValidation),
            ModelArchitecture.Paper, Seed) { Folds = FoldScheme }.WithPadding(Padding);
    }

    private void Apply(ProtocolConfiguration preset)
    {
        Methods = [.. preset.Methods];
        FractionsPercent = [.. preset.FractionsPercent];
        Repeats = preset.Repeats;
        Temperatures = [.. preset.TemperatureGrid];
        OutOfDistribution = preset.OutOfDistribution;
        Analysis = preset.Analysis;
        PretrainEpochs = preset.Pretraining.MaxEpochs;
        PretrainPatience = preset.Pretraining.Patience;
        FineTuneEpochs = preset.FineTuning.MaxEpochs;
        FineTunePatience = preset.FineTuning.Patience;
        BatchSize = preset.FineTuning.BatchSize;
        LearningRate = preset.FineTuning.LearningRate;
        RefitOnTrainingAndValidation = preset.FineTuning.RefitOnTrainingAndValidation;
        Padding = preset.Padding;
    }
}

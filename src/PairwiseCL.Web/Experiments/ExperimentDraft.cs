using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// What the "New experiment" form edits (and the HTTP API accepts): mutable for binding, turned into
/// the immutable <see cref="ProtocolConfiguration"/> (or, for a simulation, <see cref="ActiveLearningConfiguration"/>)
/// at launch. Defaults are the paper's.
/// </summary>
public sealed class ExperimentDraft
{
    public string Name { get; set; } = "";

    /// <summary>
    /// <see cref="ExperimentKinds.Protocol"/> (the paper's, the default) or <see cref="ExperimentKinds.ActiveLearning"/>:
    /// a learning-curve simulation of the labelling loop, which uses the views, label set, folds, repeats, seed,
    /// padding, pre-training numbers and temperature (<see cref="SimulationTemperature"/>) of this draft, plus
    /// <see cref="Strategies"/>, <see cref="RoundSize"/> and <see cref="Budget"/>.
    /// </summary>
    public string Kind { get; set; } = ExperimentKinds.Protocol;

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

    /// <summary>Simulation only: selection strategies by name (<see cref="SelectionStrategies.All"/>).</summary>
    public List<string> Strategies { get; set; } = [.. SelectionStrategies.Default];

    /// <summary>Simulation only: clips labelled per round (k).</summary>
    public int RoundSize { get; set; } = 4;

    /// <summary>Simulation only: labelled clips at the end of each simulated loop.</summary>
    public int Budget { get; set; } = 64;

    public bool IsActiveLearning => Kind == ExperimentKinds.ActiveLearning;

    /// <summary>A simulation pre-trains at one temperature: 0.5 when listed (as the protocol's sweep), otherwise the first.</summary>
    public double SimulationTemperature => Temperatures.Contains(0.5) || Temperatures.Count == 0 ? 0.5 : Temperatures[0];

    /// <summary>The "quick" preset: minutes on a 2-core CPU (fewer repeats, fractions and epochs, one temperature).</summary>
    public void ApplyQuickPreset() => Apply(ProtocolConfiguration.Quick(Views));

    /// <summary>The paper's protocol.</summary>
    public void ApplyPaperPreset() => Apply(ProtocolConfiguration.Paper(Views));

    /// <summary>The CLI's defaults for `pairwisecl active-learning`: minutes on a 2-core CPU.</summary>
    public void ApplySimulationPreset()
    {
        var quick = ActiveLearningConfiguration.Quick(Views);
        Strategies = [.. quick.Strategies];
        RoundSize = quick.RoundSize;
        Budget = quick.Budget;
        Repeats = quick.Repeats;
        Temperatures = [quick.Pretraining.Temperature];
        PretrainEpochs = quick.Pretraining.MaxEpochs;
        PretrainPatience = quick.Pretraining.Patience;
        BatchSize = quick.Pretraining.BatchSize;
        LearningRate = quick.Pretraining.LearningRate;
        Padding = quick.Pretraining.Padding;
    }

    /// <summary>The simulation this draft describes, as the CLI builds it from its options.</summary>
    public ActiveLearningConfiguration ToActiveLearning()
    {
        var quick = ActiveLearningConfiguration.Quick([.. Views]);
        return quick with
        {
            Strategies = [.. Strategies],
            RoundSize = RoundSize,
            Budget = Budget,
            Repeats = Repeats,
            Seed = Seed,
            Pretraining = quick.Pretraining with
            {
                Temperature = SimulationTemperature, LearningRate = LearningRate, MaxEpochs = PretrainEpochs, BatchSize = BatchSize,
                Patience = PretrainPatience, Padding = Padding,
            },
            Folds = FoldScheme,
        };
    }

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

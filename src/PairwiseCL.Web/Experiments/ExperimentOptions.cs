namespace PairwiseCL.Web.Experiments;

/// <summary>Experiment settings (section "Experiments" of the top-level appsettings.json).</summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Experiments";

    /// <summary>wav2vec 2.0 checkpoint (.safetensors, .bin, .pth or .onnx); the view is offered only when set.</summary>
    public string Wav2Vec2ModelPath { get; set; } = "";

    /// <summary>Longest a name may be.</summary>
    public int MaxNameLength { get; set; } = 200;
}

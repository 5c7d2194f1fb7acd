using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// eGeMAPS-88 encoder. The functionals differ by orders of magnitude (Hz, dB, ratios), so inputs are
/// standardised with a mean and standard deviation fitted on training utterances only; both are buffers so
/// a checkpoint carries them and validation/test data never influence them.
/// </summary>
public sealed class EgemapsMlpEncoder : ViewEncoder
{
    private readonly Tensor mean;
    private readonly Tensor std;
    private readonly Linear hidden;
    private readonly Linear output;

    public EgemapsMlpEncoder(EgemapsMlpConfig config) : base(nameof(EgemapsMlpEncoder))
    {
        Config = config;
        mean = zeros(config.InputSize);
        std = ones(config.InputSize);
        hidden = nn.Linear(config.InputSize, config.HiddenSize);
        output = nn.Linear(config.HiddenSize, config.OutputSize);
        register_buffer("mean", mean);
        register_buffer("std", std);
        RegisterComponents();
    }

    public EgemapsMlpConfig Config { get; }

    public override int OutputSize => Config.OutputSize;

    /// <summary>Fits the input standardisation on training features [N, InputSize].</summary>
    public void FitStandardisation(Tensor trainingFeatures)
    {
        if (trainingFeatures.dim() != 2 || trainingFeatures.shape[1] != Config.InputSize)
            throw new ArgumentException($"Standardisation needs [N, {Config.InputSize}] features, got [{string.Join(",", trainingFeatures.shape)}].", nameof(trainingFeatures));
        if (trainingFeatures.shape[0] < 2)
            throw new ArgumentException("Standardisation needs at least two training utterances.", nameof(trainingFeatures));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var features = trainingFeatures.to(ScalarType.Float32).to(mean.device);
        mean.copy_(features.mean([0]));
        // Constant functionals (std 0) would divide by zero; leave them unscaled.
        var deviation = features.std(0, unbiased: false);
        std.copy_(where(ScalarSafe.GreaterThan(deviation, 1e-8), deviation, ones_like(deviation)));
    }

    public override Tensor forward(Tensor features, Tensor validFrames)
    {
        var standardised = (features - mean) / std;
        return output.forward(nn.functional.relu(hidden.forward(standardised)));
    }
}

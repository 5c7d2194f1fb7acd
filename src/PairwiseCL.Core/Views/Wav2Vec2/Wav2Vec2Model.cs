using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// The wav2vec 2.0 / HuBERT encoder in evaluation mode (no dropout, no masking, no attention mask), laid out
/// like torchaudio's <c>Wav2Vec2Model</c> so its <c>state_dict</c> keys are torchaudio's. <see cref="forward"/>
/// maps waveforms [batch, samples] to stacked hidden states [layers + 1, batch, frames, dim].
/// </summary>
public sealed class Wav2Vec2Model : nn.Module<Tensor, Tensor>
{
    private readonly ConvolutionalFeatureExtractor featureExtractor;
    private readonly Wav2Vec2Encoder encoder;

    public Wav2Vec2Model(Wav2Vec2Config config, HiddenStateConvention convention = HiddenStateConvention.Torchaudio) : base(nameof(Wav2Vec2Model))
    {
        config.Validate();
        Config = config;
        Convention = convention;
        featureExtractor = new ConvolutionalFeatureExtractor(config);
        encoder = new Wav2Vec2Encoder(config);
        register_module("feature_extractor", featureExtractor);
        register_module("encoder", encoder);
        eval();
        foreach (var parameter in parameters())
            parameter.requires_grad = false;
    }

    public Wav2Vec2Config Config { get; }

    public HiddenStateConvention Convention { get; }

    public override Tensor forward(Tensor waveforms)
    {
        if (waveforms.dim() != 2)
            throw new ArgumentException($"wav2vec 2.0 expects waveforms shaped [batch, samples]; got [{string.Join(", ", waveforms.shape)}].");
        if (Config.FrameCount(waveforms.shape[1]) < 1)
            throw new ArgumentException($"{waveforms.shape[1]} samples are too few for one wav2vec 2.0 frame.");
        using var noGrad = no_grad();
        var projected = encoder.FeatureProjection.forward(featureExtractor.forward(waveforms));
        var transformerInput = encoder.Transformer.Preprocess(projected);
        var states = new List<Tensor> { Convention == HiddenStateConvention.Torchaudio ? projected : transformerInput };
        states.AddRange(encoder.Transformer.LayerOutputs(transformerInput));
        if (Convention == HiddenStateConvention.HuggingFace)
            states[^1] = encoder.Transformer.FinalNorm(states[^1]);
        return stack(states);
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }
}

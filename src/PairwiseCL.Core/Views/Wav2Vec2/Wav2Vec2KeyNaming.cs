namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>State-dict naming conventions a wav2vec 2.0 checkpoint can be written in.</summary>
public enum Wav2Vec2KeyNaming
{
    /// <summary>torchaudio <c>Wav2Vec2Model.state_dict()</c>: <c>encoder.transformer.layers.N...</c>, <c>weight_g</c>/<c>weight_v</c>.</summary>
    Torchaudio,

    /// <summary>Hugging Face <c>Wav2Vec2Model</c> with the old weight-norm names <c>weight_g</c>/<c>weight_v</c>.</summary>
    HuggingFace,

    /// <summary>Hugging Face with PyTorch 2's parametrization names <c>parametrizations.weight.original0/1</c>.</summary>
    HuggingFaceParametrized,
}

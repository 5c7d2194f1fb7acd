namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// Which tensors count as the model's hidden states. Both give layer count + 1 states; layers 1..N-1 agree.
/// </summary>
public enum HiddenStateConvention
{
    /// <summary>
    /// The paper's view (default): state 0 is the feature projection output (the CNN encoder's features after
    /// layer norm + linear, before the positional embedding: torchaudio's <c>encoder.feature_projection</c>);
    /// states 1..N are torchaudio's <c>extract_features</c> outputs, i.e. each transformer layer's output
    /// (for pre-norm models the last one without the final layer norm).
    /// </summary>
    Torchaudio,

    /// <summary>
    /// Hugging Face's <c>output_hidden_states</c>: state 0 is the transformer input after the positional
    /// embedding (and, for post-norm BASE, the encoder layer norm); for pre-norm models the last state has the
    /// final layer norm applied.
    /// </summary>
    HuggingFace,
}

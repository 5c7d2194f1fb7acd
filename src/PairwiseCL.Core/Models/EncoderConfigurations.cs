namespace PairwiseCL.Core.Models;

/// <summary>eGeMAPS view encoder: standardised 88 functionals -> MLP 256 -> 128 (paper, section 3.2).</summary>
public sealed record EgemapsMlpConfig(int InputSize = 88, int HiddenSize = 256, int OutputSize = 128);

/// <summary>
/// Log-mel view encoder: three 2-D convolution layers -> global pooling over valid frames -> 128.
/// The first layer is strided and the first two are followed by 2x2 max pooling, so the wide third layer
/// runs at 1/8 of the time resolution; this keeps a batch of 128 full 15 s spectrograms near one second of
/// CPU time instead of the ~17 s of a 16/32/64-channel full-resolution design.
/// </summary>
public sealed record MelCnnConfig(
    int MelBands = 64,
    int FirstChannels = 16,
    int SecondChannels = 32,
    int OutputSize = 128,
    int FirstKernel = 5,
    int FirstStride = 2);

/// <summary>
/// wav2vec 2.0 view encoder: softmax-weighted average of the 13 hidden-state layers, then a two-layer
/// pointwise (kernel 1) 1-D CNN 768 -> 128 -> 128, then mean pooling over valid frames.
/// </summary>
public sealed record Wav2Vec2EncoderConfig(int Layers = 13, int FeatureSize = 768, int HiddenSize = 128, int OutputSize = 128);

/// <summary>Projection head used only during pre-training: MLP 256 -> 128.</summary>
public sealed record ProjectionHeadConfig(int HiddenSize = 256, int OutputSize = 128);

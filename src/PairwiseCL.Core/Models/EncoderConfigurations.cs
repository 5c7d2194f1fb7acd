namespace PairwiseCL.Core.Models;

/// <summary>eGeMAPS view encoder: standardised 88 functionals -> MLP 256 -> 128 (paper, section 3.2).</summary>
public sealed record EgemapsMlpConfig(int InputSize = 88, int HiddenSize = 256, int OutputSize = 128);

/// <summary>
/// Log-mel view encoder: three 2-D convolution layers -> global pooling over valid frames -> 128.
/// Only the narrow first layer (16 channels, 5x5, stride 3) sees the full resolution; 2x2 max pooling
/// follows the first two layers and the wide third layer is strided again, so it outputs 1/24 of the frames.
/// On this 2-core CPU a forward+backward+Adam step over 128 full 15 s spectrograms costs ~1.6 CPU-seconds,
/// against ~13 for a 16/32/64-channel full-resolution design (see TrainingBenchmarks).
/// </summary>
public sealed record MelCnnConfig(
    int MelBands = 64,
    int FirstChannels = 16,
    int SecondChannels = 32,
    int OutputSize = 128,
    int FirstKernel = 5,
    int FirstStride = 3,
    int ThirdStride = 2);

/// <summary>
/// wav2vec 2.0 view encoder: softmax-weighted average of the 13 hidden-state layers, then a two-layer
/// pointwise (kernel 1) 1-D CNN 768 -> 128 -> 128, then mean pooling over valid frames.
/// </summary>
public sealed record Wav2Vec2EncoderConfig(int Layers = 13, int FeatureSize = 768, int HiddenSize = 128, int OutputSize = 128);

/// <summary>Projection head used only during pre-training: MLP 256 -> 128.</summary>
public sealed record ProjectionHeadConfig(int HiddenSize = 256, int OutputSize = 128);

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// Everything that changes the wav2vec 2.0 view's output; its hash keys the feature cache. The model is
/// identified by its file's content digest, so swapping weights at the same path invalidates the cache.
/// </summary>
/// <param name="Backend">"torchsharp" or "onnx".</param>
/// <param name="ModelSha256">First 16 hex digits of the checkpoint or .onnx file's SHA-256.</param>
/// <param name="Architecture">Layer count, dimension and conv spec (the conv spec fixes the frame count).</param>
/// <param name="Convention">Which tensors are the hidden states (what state 0 is).</param>
/// <param name="ClipSeconds">Trim / zero-pad length (the paper: 15 s).</param>
/// <param name="Padding">Padding policy and which frames are kept.</param>
/// <param name="Float16">
/// Values rounded to half precision, so a cache can store them in 2 bytes losslessly. BASE yields 13 x 768
/// values per 20 ms frame: 180,000 frames per hour of real audio, 1.80 G values, 7.19 GB per hour as float32,
/// 3.59 GB as float16 (real frames only; keeping the padding of 15 s clips multiplies this by 15 s over the
/// mean clip length).
/// </param>
public sealed record Wav2Vec2ViewConfiguration(
    string Backend,
    string ModelSha256,
    Wav2Vec2Config Architecture,
    HiddenStateConvention Convention,
    int SampleRate = 16_000,
    double ClipSeconds = 15,
    Wav2Vec2Padding Padding = Wav2Vec2Padding.FixedLengthRealFramesOnly,
    bool Float16 = false)
{
    public int ClipSamples => (int)Math.Round(ClipSeconds * SampleRate);
}

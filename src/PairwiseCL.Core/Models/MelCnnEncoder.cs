using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// Log-mel encoder: "a CNN backbone with three layers" (paper, section 3.2) -> 128. Input [B, mels, frames].
/// Padding frames are zeroed after every layer, batch norm's statistics and the pooling count valid frames
/// only, so in training and in evaluation mode the representation of an utterance does not depend on how
/// much padding its batch carries.
/// </summary>
public sealed class MelCnnEncoder : ViewEncoder
{
    private const int PoolFactor = 2;

    private readonly Conv2d conv1;
    private readonly ScalarFreeBatchNorm2d norm1;
    private readonly MaxPool2d pool1;
    private readonly Conv2d conv2;
    private readonly ScalarFreeBatchNorm2d norm2;
    private readonly MaxPool2d pool2;
    private readonly Conv2d conv3;
    private readonly ScalarFreeBatchNorm2d norm3;

    public MelCnnEncoder(MelCnnConfig config) : base(nameof(MelCnnEncoder))
    {
        if (config.FirstKernel % 2 == 0)
            throw new ArgumentException($"The first kernel must be odd to keep frames aligned, got {config.FirstKernel}.", nameof(config));
        Config = config;
        conv1 = nn.Conv2d(1, config.FirstChannels, config.FirstKernel, stride: config.FirstStride, padding: config.FirstKernel / 2, bias: false);
        norm1 = new ScalarFreeBatchNorm2d(config.FirstChannels);
        pool1 = nn.MaxPool2d(PoolFactor, ceil_mode: true);
        conv2 = nn.Conv2d(config.FirstChannels, config.SecondChannels, 3, padding: 1, bias: false);
        norm2 = new ScalarFreeBatchNorm2d(config.SecondChannels);
        pool2 = nn.MaxPool2d(PoolFactor, ceil_mode: true);
        conv3 = nn.Conv2d(config.SecondChannels, config.OutputSize, 3, stride: config.ThirdStride, padding: 1, bias: false);
        norm3 = new ScalarFreeBatchNorm2d(config.OutputSize);
        RegisterComponents();
    }

    public MelCnnConfig Config { get; }

    public override int OutputSize => Config.OutputSize;

    /// <summary>First stride x two poolings x third stride: inputs of a multiple of this map to whole output frames.</summary>
    public override int FrameMultiple => Config.FirstStride * PoolFactor * PoolFactor * Config.ThirdStride;

    public override Tensor forward(Tensor features, Tensor validFrames)
    {
        if (features.dim() != 3 || features.shape[1] != Config.MelBands)
            throw new ArgumentException($"Mel encoder expects [B, {Config.MelBands}, frames], got [{string.Join(",", features.shape)}].", nameof(features));

        var frames = validFrames;
        var x = KeepValid(features.unsqueeze(1), frames);

        frames = FrameMask.Downsampled(frames, Config.FirstStride);
        x = NormaliseValid(conv1.forward(x), norm1, frames);
        frames = FrameMask.Downsampled(frames, PoolFactor);
        x = pool1.forward(x);

        x = NormaliseValid(conv2.forward(x), norm2, frames);
        frames = FrameMask.Downsampled(frames, PoolFactor);
        x = pool2.forward(x);

        frames = FrameMask.Downsampled(frames, Config.ThirdStride);
        x = NormaliseValid(conv3.forward(x), norm3, frames);

        var overFrequency = x.mean([2]);
        return FrameMask.MaskedMean(overFrequency, FrameMask.Of(frames, overFrequency.shape[2], overFrequency.device));
    }

    /// <summary>Batch norm over the valid frames, ReLU, then padding frames zeroed; x is [B, C, freq, frames].</summary>
    private static Tensor NormaliseValid(Tensor x, ScalarFreeBatchNorm2d norm, Tensor validFrames)
    {
        var mask = FrameMask.Of(validFrames, x.shape[3], x.device);
        return nn.functional.relu(norm.forward(x, mask)) * mask.unsqueeze(1).unsqueeze(1);
    }

    /// <summary>Zeroes frames at or beyond each item's valid count; x is [B, C, freq, frames].</summary>
    private static Tensor KeepValid(Tensor x, Tensor validFrames)
    {
        var mask = FrameMask.Of(validFrames, x.shape[3], x.device);
        return x * mask.unsqueeze(1).unsqueeze(1);
    }
}

using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>Figure 1b: one view's encoder (pre-trained or fresh) followed by a linear classifier; returns logits.</summary>
public sealed class EmotionClassifier : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ViewEncoder encoder;
    private readonly LinearClassifier classifier;

    public EmotionClassifier(ViewEncoder encoder, int classes) : base(nameof(EmotionClassifier))
    {
        this.encoder = encoder;
        classifier = new LinearClassifier(encoder.OutputSize, classes);
        RegisterComponents();
    }

    public ViewEncoder Encoder => encoder;

    public LinearClassifier Classifier => classifier;

    public override Tensor forward(Tensor features, Tensor validFrames) =>
        classifier.forward(encoder.forward(features, validFrames));
}

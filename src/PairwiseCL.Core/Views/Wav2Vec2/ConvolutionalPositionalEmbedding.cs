using PairwiseCL.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Views.Wav2Vec2;

/// <summary>
/// The relative positional embedding: a grouped Conv1d over time with weight normalisation over dim 2
/// (weight = g * v / ||v||, the norm taken over every dim but the kernel one), the last frame dropped for
/// even kernels (its padding adds one), then GELU. Parameters keep torch's weight-norm names.
/// </summary>
internal sealed class ConvolutionalPositionalEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly ParameterHolder conv;
    private readonly int kernel;
    private readonly int groups;

    public ConvolutionalPositionalEmbedding(int embedDim, int kernel, int groups) : base(nameof(ConvolutionalPositionalEmbedding))
    {
        this.kernel = kernel;
        this.groups = groups;
        // A child module named "conv" gives the state-dict keys pos_conv_embed.conv.weight_g etc.
        // The random draw is named and disposed: an unnamed temporary (and the 0.02 as an implicit Scalar) could be
        // finalized by another thread's GC while libtorch multiplies it (see ScalarSafe).
        using var direction = randn(embedDim, embedDim / groups, kernel);
        conv = new ParameterHolder(nn.Parameter(ones(1, 1, kernel)), nn.Parameter(ScalarSafe.Multiply(direction, 0.02)), nn.Parameter(zeros(embedDim)));
        register_module("conv", conv);
    }

    public override Tensor forward(Tensor x)
    {
        // Read the parameters from the holder on every call: module.to(device or dtype) replaces them there, so a
        // reference kept in a field would point at the disposed originals ("Tensor invalid -- empty handle").
        var (weightG, weightV, bias) = (conv.WeightG, conv.WeightV, conv.Bias);
        var norm = ScalarSafe.Square(weightV).sum([0, 1], keepdim: true).sqrt();
        var weight = weightG * weightV / norm;
        var y = nn.functional.conv1d(x.transpose(-2, -1), weight, bias, padding: kernel / 2, groups: groups);
        if (kernel % 2 == 0)
            y = y[.., .., ..^1];
        return nn.functional.gelu(y).transpose(-2, -1);
    }

    // Children are registered under torchaudio's state-dict names in the constructor; TorchSharp's default
    // field-name registration would add every tensor a second time under the C# field name.
    protected override void RegisterComponents()
    {
    }

    private sealed class ParameterHolder : nn.Module
    {
        public ParameterHolder(Parameter g, Parameter v, Parameter b) : base("conv")
        {
            register_parameter("weight_g", g);
            register_parameter("weight_v", v);
            register_parameter("bias", b);
        }

        public Parameter WeightG => get_parameter("weight_g")!;

        public Parameter WeightV => get_parameter("weight_v")!;

        public Parameter Bias => get_parameter("bias")!;

        protected override void RegisterComponents()
        {
        }
    }
}

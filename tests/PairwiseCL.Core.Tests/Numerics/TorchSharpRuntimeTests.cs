using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Numerics;

/// <summary>Guards the libstdc++ fix: if libtorch cannot load in the test host, nothing else can train.</summary>
public sealed class TorchSharpRuntimeTests
{
    [Fact]
    public void MatmulComputesTheKnownProduct()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        var product = matmul(a, b).data<float>().ToArray();
        Assert.Equal(new float[] { 19, 22, 43, 50 }, product);
    }

    [Fact]
    public void OneAdamStepMovesAParameterAgainstItsGradient()
    {
        using var scope = NewDisposeScope();
        var weight = nn.Parameter(tensor(new float[] { 1f, -2f }));
        var optimizer = optim.Adam(new[] { weight }, lr: 0.1);
        var loss = (weight * weight).sum();
        loss.backward();
        optimizer.step();
        // Adam's first step moves each coordinate by lr * sign(grad) (bias-corrected m/sqrt(v) = ±1).
        var updated = weight.data<float>().ToArray();
        Assert.Equal(0.9f, updated[0], 4);
        Assert.Equal(-1.9f, updated[1], 4);
    }
}

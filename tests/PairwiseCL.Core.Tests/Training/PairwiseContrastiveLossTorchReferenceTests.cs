using System.Globalization;
using PairwiseCL.Core.Tests.Numerics;
using PairwiseCL.Core.Tests.Views;
using PairwiseCL.Core.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Training;

/// <summary>
/// The Pairwise-CL loss and its gradient for K = 3 views of N = 8 utterances (16-d projections) against PyTorch 1.13
/// (tools/reference-fixtures: the loss written out anchor by anchor, float64 autograd). In float64 ours must equal
/// torch's to the fixture's float32 storage rounding; in float32 (how training runs) it must lie as close to the
/// exact value as torch's own float32 does.
/// </summary>
public sealed class PairwiseContrastiveLossTorchReferenceTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, PairwiseCL.Core.Checkpoints.CheckpointTensor> Fixture = TorchReference.Read("loss.pth");

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void LossAndGradientMatchTorchInFloat64(double tau)
    {
        var (loss, gradient) = Evaluate(tau, ScalarType.Float64);
        var (expectedLoss, expectedGradient) = Expected(tau);
        var storage = Float32Bounds.UnitRoundoff * (1 + 1e-6);

        Assert.True(Math.Abs(loss - expectedLoss[0]) <= storage * Math.Abs(expectedLoss[0]), $"loss {loss} vs torch {expectedLoss[0]}");
        var deviation = Deviation.Between(gradient, expectedGradient);
        output.WriteLine($"tau {tau} float64 gradient: {deviation}");
        Assert.True(deviation.RelativeFrobenius <= storage && deviation.MaxRelative <= storage, deviation.ToString());
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public void LossAndGradientInFloat32AreAsCloseToExactAsTorchsFloat32(double tau)
    {
        var (loss, gradient) = Evaluate(tau, ScalarType.Float32);
        var (expectedLoss, expectedGradient) = Expected(tau);

        var lossDeviation = Deviation.Between([(float)loss], expectedLoss);
        var gradientDeviation = Deviation.Between(gradient, expectedGradient);
        var torchLoss = TorchReference.ReferenceDeviation("loss-" + Key(tau), "loss");
        var torchGradient = TorchReference.ReferenceDeviation("loss-" + Key(tau), "gradient");
        output.WriteLine($"tau {tau} float32 loss: {lossDeviation}; torch {torchLoss}");
        output.WriteLine($"tau {tau} float32 gradient: {gradientDeviation}; torch {torchGradient}");
        // A single float32 value's own rounding (u) is the floor of what any implementation can reach.
        var lossBound = Math.Max(Wav2Vec2TorchaudioParityTests.Factor * torchLoss.RelativeFrobenius, 4 * Float32Bounds.UnitRoundoff);
        Assert.True(lossDeviation.RelativeFrobenius <= lossBound, $"loss {lossDeviation}; torch {torchLoss}");
        Assert.True(gradientDeviation.IsWithin(torchGradient, Wav2Vec2TorchaudioParityTests.Factor), $"gradient {gradientDeviation}; torch {torchGradient}");
    }

    private static (double Loss, float[] Gradient) Evaluate(double tau, ScalarType precision)
    {
        using var scope = NewDisposeScope();
        var views = Enumerable.Range(0, 3)
            .Select(k => tensor(Fixture[$"view{k}"].Values, Fixture[$"view{k}"].Shape).to(precision).requires_grad_())
            .ToArray();
        var loss = new PairwiseContrastiveLoss(tau).Compute(views);
        loss.backward();
        var gradient = cat(views.Select(v => v.grad!).ToArray()).to(ScalarType.Float32).data<float>().ToArray();
        return (loss.to(ScalarType.Float64).item<double>(), gradient);
    }

    /// <summary>The fixture's names: "tau0.5" (Python's str of the float).</summary>
    private static string Key(double tau) => "tau" + tau.ToString(CultureInfo.InvariantCulture);

    private static (float[] Loss, float[] Gradient) Expected(double tau)
    {
        var key = Key(tau);
        return (Fixture[$"{key}_loss"].Values, Enumerable.Range(0, 3).SelectMany(k => Fixture[$"{key}_grad{k}"].Values).ToArray());
    }
}

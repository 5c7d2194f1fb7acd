using PairwiseCL.Core.Models;
using PairwiseCL.Core.Tests.TestSupport;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Models;

[Collection(TorchRandomCollection.Name)]
public sealed class ScalarFreeBatchNorm2dTests
{
    [Fact]
    public void MatchesTorchSharpsBatchNorm2dBitForBitInOneProcess()
    {
        using var scope = NewDisposeScope();
        var reference = nn.BatchNorm2d(5);
        var ours = new ScalarFreeBatchNorm2d(5);
        using var generator = new Generator(4);
        // Scalars are named: a dispose scope holds tensors, not Scalars (see ScalarSafe).
        using var two = 2.ToScalar();
        using (no_grad())
        {
            // Non-trivial affine parameters, the same in both.
            var weight = randn(5, generator: generator);
            var bias = randn(5, generator: generator);
            foreach (var module in new nn.Module[] { reference, ours })
            {
                module.get_parameter("weight")!.copy_(weight);
                module.get_parameter("bias")!.copy_(bias);
            }
        }

        for (var batch = 0; batch < 4; batch++)
        {
            var input = ScalarSafe.AddConstant(ScalarSafe.Multiply(randn(3, 5, 7, 6, generator: generator), 2), 1);
            var expectedInput = input.detach().requires_grad_();
            var actualInput = input.detach().requires_grad_();
            var expected = reference.forward(expectedInput);
            var actual = ours.forward(actualInput);
            Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
            expected.pow(two).sum().backward();
            actual.pow(two).sum().backward();
            Assert.Equal(expectedInput.grad!.data<float>().ToArray(), actualInput.grad!.data<float>().ToArray());
        }
        AssertSameState(reference, ours);
        Assert.Equal(4L, ours.state_dict()["num_batches_tracked"].item<long>());

        reference.eval();
        ours.eval();
        var probe = randn(2, 5, 4, 4, generator: generator);
        Assert.Equal(reference.forward(probe).data<float>().ToArray(), ours.forward(probe).data<float>().ToArray());
        AssertSameState(reference, ours);
    }

    [Fact]
    public void MaskedStatisticsOverAllValidFramesAreTorchsBatchNormAndIgnorePaddedFrames()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        // Float64: the masked and the fused computation differ only in summation order (~1e-15).
        var input = ScalarSafe.AddConstant(ScalarSafe.Multiply(randn([3, 5, 4, 6], dtype: ScalarType.Float64, generator: generator), 2), 1);
        var reference = nn.BatchNorm2d(5, dtype: ScalarType.Float64);
        var ours = new ScalarFreeBatchNorm2d(5);
        ours.to(ScalarType.Float64);

        var expected = reference.forward(input);
        var actual = ours.forward(input, ones(3, 6));
        AssertClose(expected, actual);
        AssertClose(reference.get_buffer("running_mean")!, ours.get_buffer("running_mean")!);
        AssertClose(reference.get_buffer("running_var")!, ours.get_buffer("running_var")!);

        // The same clips with junk frames appended: the valid frames normalise exactly as before.
        using var junk = 40.0.ToScalar();
        var padded = cat([input, full(3, 5, 4, 3, junk, dtype: ScalarType.Float64)], 3);
        var mask = cat([ones(3, 6), zeros(3, 3)], 1);
        var again = new ScalarFreeBatchNorm2d(5);
        again.to(ScalarType.Float64);
        AssertClose(expected, again.forward(padded, mask)[.., .., .., ..6]);
        AssertClose(reference.get_buffer("running_var")!, again.get_buffer("running_var")!);
    }

    [Fact]
    public void WeightsSavedWithEitherModuleLoadIntoTheOther()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempFolder();
        var reference = nn.BatchNorm2d(3);
        using var first = new Generator(1); // named: a Generator has a finalizer too
        reference.forward(randn(4, 3, 2, 2, generator: first));
        reference.save(folder.File("reference.bin"));

        var ours = new ScalarFreeBatchNorm2d(3);
        ours.load(folder.File("reference.bin"));
        AssertSameState(reference, ours);

        using var second = new Generator(2);
        ours.forward(randn(4, 3, 2, 2, generator: second));
        ours.save(folder.File("ours.bin"));
        var back = nn.BatchNorm2d(3);
        back.load(folder.File("ours.bin"));
        AssertSameState(back, ours);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        var difference = ScalarSafe.Subtract(expected, actual).abs().max().item<double>();
        Assert.True(difference < 1e-12 * Math.Max(1, expected.abs().max().item<double>()), $"largest difference {difference:E2}");
    }

    private static void AssertSameState(nn.Module expected, nn.Module actual)
    {
        var expectedState = expected.state_dict();
        var actualState = actual.state_dict();
        Assert.Equal(expectedState.Keys.Order(), actualState.Keys.Order());
        foreach (var (name, tensor) in expectedState)
        {
            Assert.Equal(tensor.dtype, actualState[name].dtype);
            Assert.Equal(tensor.to(ScalarType.Float64).data<double>().ToArray(), actualState[name].to(ScalarType.Float64).data<double>().ToArray());
        }
    }
}

using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Tests.Models;

public sealed class SeededModulesTests
{
    [Fact]
    public async Task ASeededBuild_GetsTheSameWeights_WhileAnotherThreadBuildsModules()
    {
        float[] Weights() => SeededModules.Build(7, () =>
        {
            using var layer = nn.Linear(64, 64);
            return layer.weight!.data<float>().ToArray();
        });
        var expected = Weights();
        using var stop = new CancellationTokenSource();
        // Another training (or a model being loaded) building modules at the same time, as on a portal with two devices.
        var other = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                SeededModules.Build(() => nn.Linear(64, 64)).Dispose();
        });

        try
        {
            for (var i = 0; i < 200; i++) Assert.Equal(expected, Weights());
        }
        finally
        {
            stop.Cancel();
            await other;
        }
    }
}

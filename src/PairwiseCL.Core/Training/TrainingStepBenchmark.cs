using System.Diagnostics;
using PairwiseCL.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// One Adam step of the log-mel CNN + projection head on a full-length random batch: the figure `pairwisecl bench`
/// sets beside the same step in PyTorch (tools/bench/torch_training_step.py builds the same layers). The loss is the
/// mean square of the projections: the step's cost is the encoder's, not the loss's.
/// </summary>
public static class TrainingStepBenchmark
{
    /// <returns>Median wall seconds per step over <paramref name="steps"/> steps after one warm-up step.</returns>
    public static double MedianStepSeconds(int batch = 128, int frames = 1501, int steps = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var encoder = new MelCnnEncoder(new MelCnnConfig());
        using var head = new ProjectionHead(encoder.OutputSize, new ProjectionHeadConfig());
        var parameters = encoder.parameters().Concat(head.parameters()).ToList();
        using var optimizer = new StableAdam(parameters, lr: 1e-3);
        // ScalarSafe and a kept Scalar: implicit Scalar temporaries can be freed mid-call by another thread's GC.
        var x = ScalarSafe.AddConstant(ScalarSafe.Multiply(rand(batch, encoder.Config.MelBands, frames), 2), -1);
        using var frameCount = ((long)frames).ToScalar();
        var valid = full(new long[] { batch }, frameCount, dtype: ScalarType.Int64);
        var times = new List<double>();
        for (var step = 0; step <= steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            using (var stepScope = NewDisposeScope())
            {
                optimizer.zero_grad();
                var loss = ScalarSafe.Square(head.forward(encoder.forward(x, valid))).mean();
                loss.backward();
                optimizer.step();
            }
            if (step > 0) times.Add(clock.Elapsed.TotalSeconds);
        }
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }
}

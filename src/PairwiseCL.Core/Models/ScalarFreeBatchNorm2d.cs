using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// BatchNorm2d as torch computes it, without TorchSharp Scalar temporaries: TorchSharp's module counts batches
/// with <c>num_batches_tracked.add_(1)</c>, whose implicit Scalar can be finalized mid-call (see
/// <see cref="ScalarSafe"/>). Parameter and buffer names match nn.BatchNorm2d's, so weights saved with
/// either module load into the other.
/// </summary>
public sealed class ScalarFreeBatchNorm2d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly Tensor running_mean;
    private readonly Tensor running_var;
    private readonly Tensor num_batches_tracked;

    public ScalarFreeBatchNorm2d(long features, double eps = 1e-5, double momentum = 0.1) : base(nameof(BatchNorm2d))
    {
        Eps = eps;
        Momentum = momentum;
        // Constant initial values: building this draws nothing from torch's generator, like nn.BatchNorm2d.
        weight = nn.Parameter(ones(features));
        bias = nn.Parameter(zeros(features));
        running_mean = zeros(features);
        running_var = ones(features);
        num_batches_tracked = tensor(0L);
        register_buffer(nameof(running_mean), running_mean);
        register_buffer(nameof(running_var), running_var);
        register_buffer(nameof(num_batches_tracked), num_batches_tracked);
        RegisterComponents();
    }

    public double Eps { get; }

    public double Momentum { get; }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"BatchNorm2d expects [B, C, H, W], got [{string.Join(",", input.shape)}].", nameof(input));
        if (training)
            CountBatch();
        var momentum = training ? NextMomentum() : Momentum;
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, Eps);
    }

    /// <summary>
    /// Batch norm whose training statistics count only valid frames: <paramref name="frameMask"/> is [B, W]
    /// (1 for a frame of real audio, 0 for padding) over the last axis of [B, C, H, W]. Padding is not data,
    /// so a clip's normalisation and the running statistics do not depend on how much padding its batch
    /// carries (a random 15 s batch or a length bucket). The mean and biased variance normalise, the unbiased
    /// variance updates the running estimate, as torch does; evaluation uses the running statistics.
    /// </summary>
    public Tensor forward(Tensor input, Tensor frameMask)
    {
        if (!training)
            return forward(input);
        if (input.dim() != 4 || frameMask.dim() != 2 || frameMask.shape[0] != input.shape[0] || frameMask.shape[1] != input.shape[3])
            throw new ArgumentException($"Masked batch norm expects [B, C, H, W] and a [B, W] mask, got [{string.Join(",", input.shape)}] and [{string.Join(",", frameMask.shape)}].");
        CountBatch();
        var mask = frameMask.to(input.dtype).unsqueeze(1).unsqueeze(1);                    // [B, 1, 1, W]
        var count = frameMask.to(ScalarType.Float64).sum().item<double>() * input.shape[2];
        if (count < 2)
            throw new ArgumentException($"Batch norm needs at least two valid values per channel, got {count}.");
        var perChannel = new long[] { 1, input.shape[1], 1, 1 };
        var mean = ScalarSafe.Divide((input * mask).sum([0, 2, 3]), count);                 // [C]
        var centered = ScalarSafe.Subtract(input, mean.view(perChannel));
        var variance = ScalarSafe.Divide(ScalarSafe.Square(centered * mask).sum([0, 2, 3]), count);
        var scale = ScalarSafe.AddConstant(variance, Eps).rsqrt() * weight;
        UpdateRunningStatistics(mean, variance, count, NextMomentum());
        return ScalarSafe.Add(centered * scale.view(perChannel), bias.view(perChannel));
    }

    private void UpdateRunningStatistics(Tensor mean, Tensor variance, double count, double rate)
    {
        using var noGrad = no_grad();
        using var keep = (1 - rate).ToScalar();
        using var momentum = rate.ToScalar();
        using var unbiased = (rate * count / (count - 1)).ToScalar();
        running_mean.mul_(keep).add_(mean.detach(), momentum);
        running_var.mul_(keep).add_(variance.detach(), unbiased);
    }
    private int? collectedBatches;

    /// <summary>
    /// Starts replacing the running statistics by the mean over the training-mode batches that follow, until
    /// <see cref="EndPopulationStatistics"/> (Wu and Johnson 2021, "precise BatchNorm").
    /// </summary>
    internal void BeginPopulationStatistics() => collectedBatches = 0;

    internal void EndPopulationStatistics() => collectedBatches = null;

    /// <summary>
    /// The running-statistics update rate of one training batch: the configured momentum, or while population
    /// statistics are being collected 1/(k+1), so the running values end as the plain mean of the batches'
    /// statistics, independent of the momentum's history.
    /// </summary>
    private double NextMomentum()
    {
        if (collectedBatches is not { } k)
            return Momentum;
        collectedBatches = k + 1;
        return 1.0 / (k + 1);
    }

    /// <summary>num_batches_tracked += 1 with an explicit Scalar that outlives the call (and no implicit alpha).</summary>
    private void CountBatch()
    {
        using var noGrad = no_grad();
        using var one = 1L.ToScalar();
        num_batches_tracked.add_(one, one);
    }
}

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
        // While population statistics are being collected each batch gets the weight 1/(k+1), so the running
        // values end as the plain mean of the batches' statistics, independent of the momentum's history.
        var momentum = collectedBatches is { } k ? 1.0 / (k + 1) : Momentum;
        if (training && collectedBatches is not null)
            collectedBatches++;
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, Eps);
    }

    private int? collectedBatches;

    /// <summary>
    /// Starts replacing the running statistics by the mean over the training-mode batches that follow, until
    /// <see cref="EndPopulationStatistics"/> (Wu and Johnson 2021, "precise BatchNorm").
    /// </summary>
    internal void BeginPopulationStatistics() => collectedBatches = 0;

    internal void EndPopulationStatistics() => collectedBatches = null;

    /// <summary>num_batches_tracked += 1 with an explicit Scalar that outlives the call (and no implicit alpha).</summary>
    private void CountBatch()
    {
        using var noGrad = no_grad();
        using var one = 1L.ToScalar();
        num_batches_tracked.add_(one, one);
    }
}

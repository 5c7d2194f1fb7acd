using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>
/// torch.optim.Adam (TorchSharp's <see cref="Adam"/>, whose parameter groups, options, state and checkpoint
/// layout it keeps) with a step that creates no Scalar temporaries. TorchSharp's step passes implicit
/// double -> Scalar conversions (mul_(beta1), add_(grad, alpha), addcmul_/addcdiv_ values); a GC on another
/// thread could finalize one while libtorch read it. Here every Scalar is held in a variable and disposed
/// only after the call; the operations and their order are TorchSharp's, so the trajectory is the same.
/// </summary>
public sealed class StableAdam : Adam
{
    public StableAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) =>
        _step<ParamGroup>(group =>
        {
            var options = (Options)group.Options;
            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var weightDecay = options.weight_decay!.Value;
            var amsgrad = options.amsgrad!.Value;
            var maximize = options.maximize!.Value;
            var learningRate = options.LearningRate!.Value;

            using var one = 1.ToScalar();
            using var beta1Scalar = beta1.ToScalar();
            using var beta2Scalar = beta2.ToScalar();
            using var oneMinusBeta1 = (1 - beta1).ToScalar();
            using var oneMinusBeta2 = (1 - beta2).ToScalar();
            using var eps = options.eps!.Value.ToScalar();
            using var weightDecayScalar = weightDecay.ToScalar();

            foreach (var param in group.Parameters)
            {
                var state = (State)_state[param.Handle];
                var grad = param.grad;
                if (grad is null)
                    continue;
                if (maximize)
                    grad = grad.neg();

                state.step += 1;
                var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                var biasCorrection2 = 1 - Math.Pow(beta2, state.step);

                if (weightDecay != 0)
                    grad = grad.add(param, weightDecayScalar);

                state.exp_avg.mul_(beta1Scalar).add_(grad, oneMinusBeta1);
                state.exp_avg_sq.mul_(beta2Scalar).addcmul_(grad, grad.conj(), oneMinusBeta2);

                if (amsgrad)
                {
                    var previous = state.max_exp_avg_sq;
                    state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                    previous.Dispose();
                }
                using var biasCorrection2Root = Math.Sqrt(biasCorrection2).ToScalar();
                var denominator = (amsgrad ? state.max_exp_avg_sq : state.exp_avg_sq).sqrt().div(biasCorrection2Root).add_(eps, one);

                using var negativeStepSize = (-(learningRate / biasCorrection1)).ToScalar();
                param.addcdiv_(state.exp_avg, denominator, negativeStepSize);
            }
        }, closure);
}

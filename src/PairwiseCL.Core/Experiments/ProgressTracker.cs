using System.Diagnostics;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Experiments;

/// <summary>Counts protocol work units and reports them with the current step and an estimate of the time left.</summary>
internal sealed class ProgressTracker(int total, Stopwatch clock, IProgress<ProtocolProgress>? progress)
{
    private int _done;
    private string _step = "";

    public void Step(string step)
    {
        _step = step;
        Report(step);
    }

    public void Advance(int units, string detail)
    {
        _done = Math.Min(total, _done + units);
        Report(detail.Length > 0 ? detail : _step);
    }

    /// <summary>Epoch-level detail for long steps (pre-training), without advancing the unit count.</summary>
    public IProgress<TrainingProgress> Epochs() =>
        new InlineProgress<TrainingProgress>(p => Report($"{_step} — epoch {p.Epoch}/{p.MaxEpochs}, loss {p.TrainLoss:F3}/{p.ValidationLoss:F3}", p));

    private void Report(string step, TrainingProgress? epoch = null)
    {
        if (progress is null) return;
        var elapsed = clock.Elapsed;
        var remaining = _done == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(elapsed.Ticks / _done * (total - _done));
        progress.Report(new ProtocolProgress(_done, total, step, elapsed, remaining, epoch));
    }

}

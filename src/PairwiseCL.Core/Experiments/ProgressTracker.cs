using System.Diagnostics;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Core.Experiments;

/// <summary>
/// Counts a long job's work units and reports them with the current step and the time left, priced per kind of
/// work (<see cref="RemainingTimeEstimate"/>): pre-training epochs, fine-tuning runs per view and fraction,
/// simulated learning curves per view.
/// </summary>
internal sealed class ProgressTracker(int totalUnits, RemainingTimeEstimate estimate, Stopwatch clock, IProgress<ProtocolProgress>? progress)
{
    public const string PretrainingEpoch = "pre-training epoch";
    private int _done;
    private string _step = "";
    private int _epochsRun;
    private TimeSpan _lastEpochAt;
    private TimeSpan _workStartedAt;

    public static string FineTuning(string view, double fraction) => $"fine-tuning {view} {fraction}%";

    public void Step(string step)
    {
        _step = step;
        Report(step);
    }

    /// <summary>Epoch reports of the pre-training starting now; each prices one pre-training epoch.</summary>
    public IProgress<TrainingProgress> PretrainingEpochs()
    {
        _epochsRun = 0;
        _lastEpochAt = TimeSpan.Zero;
        return new InlineProgress<TrainingProgress>(p =>
        {
            estimate.Done(PretrainingEpoch, 1, p.Elapsed - _lastEpochAt);
            _lastEpochAt = p.Elapsed;
            _epochsRun++;
            EpochReport(p);
        });
    }

    /// <summary>The epochs the pre-training did not run (early stopping, restored from a checkpoint) leave the plan.</summary>
    public void PretrainingFinished(int maxEpochs, int units)
    {
        estimate.Skip(PretrainingEpoch, Math.Max(0, maxEpochs - _epochsRun));
        Advance(units, "");
    }

    public void WorkStarting() => _workStartedAt = clock.Elapsed;

    /// <summary>One unit of <paramref name="kind"/> done since <see cref="WorkStarting"/>.</summary>
    public void WorkFinished(string kind, int units = 1)
    {
        estimate.Done(kind, 1, clock.Elapsed - _workStartedAt);
        Advance(units, "");
    }

    /// <summary>Work that will not run (stored, not needed, too little data): it leaves the plan at no cost.</summary>
    public void Skipped(IEnumerable<(string Kind, int Count)> work, int units, string detail = "")
    {
        foreach (var (kind, count) in work) estimate.Skip(kind, count);
        Advance(units, detail);
    }

    /// <summary>Epoch-level detail of a training, without advancing the unit count.</summary>
    public IProgress<TrainingProgress> Epochs() => new InlineProgress<TrainingProgress>(EpochReport);

    private void EpochReport(TrainingProgress p) =>
        Report($"{_step} — epoch {p.Epoch}/{p.MaxEpochs}, loss {p.TrainLoss:F3}/{p.ValidationLoss:F3}", p);

    private void Advance(int units, string detail)
    {
        _done = Math.Min(totalUnits, _done + units);
        Report(detail.Length > 0 ? detail : _step);
    }

    private void Report(string step, TrainingProgress? epoch = null) =>
        progress?.Report(new ProtocolProgress(_done, totalUnits, step, clock.Elapsed, estimate.Remaining, epoch));
}

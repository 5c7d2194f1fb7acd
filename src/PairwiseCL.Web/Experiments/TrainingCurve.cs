using PairwiseCL.Core.Experiments;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Turns the protocol's progress reports into <see cref="ExperimentProgress"/>, collecting the epochs of
/// the training under way into its loss curve; a new training (a report whose epoch does not follow
/// the last one) starts a new curve, and reports between trainings carry none.
/// </summary>
internal sealed class TrainingCurve
{
    private readonly List<EpochPoint> points = [];

    public ExperimentProgress Next(ProtocolProgress progress)
    {
        if (progress.Epoch is { } e)
        {
            if (points.Count > 0 && (e.Epoch <= points[^1].Epoch || e.Phase != points[^1].Phase)) points.Clear();
            points.Add(new EpochPoint(e.Phase, e.Epoch, e.MaxEpochs, e.TrainLoss, e.ValidationLoss, e.ValidationUar, e.EstimatedRemaining.TotalSeconds));
        }
        else
        {
            points.Clear();
        }
        return new ExperimentProgress("training", progress.Done, progress.Total, progress.Step,
            progress.EstimatedRemaining?.TotalSeconds, points.Count > 0 ? points.ToArray() : null);
    }
}

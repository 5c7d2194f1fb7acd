using System.Globalization;
using PairwiseCL.Core.Progress;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Jobs;

/// <summary>How progress numbers read on the pages.</summary>
public static class ProgressText
{
    /// <summary>
    /// The protocol's time left once every kind of work left has a measured cost; before that, the current
    /// training's, said as such; one format (<see cref="TimeLeftText"/>) everywhere.
    /// </summary>
    public static string TimeLeft(ExperimentProgress progress) =>
        progress.SecondsLeft > 0 ? TimeLeft(progress.SecondsLeft)
        : progress.Epoch is { SecondsLeft: > 0 } epoch ? $"{TimeLeft(epoch.SecondsLeft)} in this training (the whole experiment: estimating)"
        : progress.Done < progress.Total ? TimeLeftText.Left(null) : "";

    public static string TimeLeft(double? seconds) => seconds is > 0 ? TimeLeftText.Left(TimeSpan.FromSeconds(seconds.Value)) : "";

    public static string Loss(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Uar(double? value) => value is { } uar ? uar.ToString("0.000", CultureInfo.InvariantCulture) : "—";
}

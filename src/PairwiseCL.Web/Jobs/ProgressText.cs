using System.Globalization;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Jobs;

/// <summary>How progress numbers read on the pages.</summary>
public static class ProgressText
{
    /// <summary>The protocol's time left once a unit has finished; before that, the current training's.</summary>
    public static string TimeLeft(ExperimentProgress progress) =>
        progress.SecondsLeft > 0 ? TimeLeft(progress.SecondsLeft)
        : progress.Epoch is { SecondsLeft: > 0 } epoch ? TimeLeft(epoch.SecondsLeft) + " in this training"
        : "";

    public static string TimeLeft(double? seconds) => seconds switch
    {
        null or <= 0 => "",
        < 60 => $"about {Math.Ceiling(seconds.Value):0} s left",
        _ => $"about {TimeSpan.FromSeconds(Math.Round(seconds.Value)):hh\\:mm\\:ss} left",
    };

    public static string Loss(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Uar(double? value) => value is { } uar ? uar.ToString("0.000", CultureInfo.InvariantCulture) : "—";
}

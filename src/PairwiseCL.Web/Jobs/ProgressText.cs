using System.Globalization;

namespace PairwiseCL.Web.Jobs;

/// <summary>How progress numbers read on the pages.</summary>
public static class ProgressText
{
    public static string TimeLeft(double? seconds) => seconds switch
    {
        null or <= 0 => "",
        < 60 => $"about {Math.Ceiling(seconds.Value):0} s left",
        _ => $"about {TimeSpan.FromSeconds(Math.Round(seconds.Value)):hh\\:mm\\:ss} left",
    };

    public static string Loss(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Uar(double? value) => value is { } uar ? uar.ToString("0.000", CultureInfo.InvariantCulture) : "—";
}

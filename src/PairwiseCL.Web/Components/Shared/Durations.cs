namespace PairwiseCL.Web.Components.Shared;

/// <summary>Human-readable durations for tables ("1 h 02 min", "3.4 s").</summary>
public static class Durations
{
    public static string Format(double seconds)
    {
        if (seconds < 60) return $"{seconds:0.0} s";
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min" : $"{span.Minutes} min {span.Seconds:00} s";
    }
}

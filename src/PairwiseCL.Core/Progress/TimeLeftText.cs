using System.Globalization;

namespace PairwiseCL.Core.Progress;

/// <summary>One way to say a time left, on every page and in the CLI: "about 28 s", "about 4 min 57 s", "about 2 h 05 min".</summary>
public static class TimeLeftText
{
    public static string About(TimeSpan left)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(left.TotalSeconds));
        return seconds switch
        {
            < 60 => $"about {seconds} s",
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"about {seconds / 60} min {seconds % 60:00} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"about {seconds / 3600} h {seconds % 3600 / 60:00} min"),
        };
    }

    /// <summary>"about … left", or "estimating the time left" while it is unknown.</summary>
    public static string Left(TimeSpan? left) => left is { } known ? $"{About(known)} left" : "estimating the time left";
}

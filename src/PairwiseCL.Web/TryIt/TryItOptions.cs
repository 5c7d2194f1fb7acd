namespace PairwiseCL.Web.TryIt;

/// <summary>Limits for clips sent to a model (section "TryIt").</summary>
public sealed class TryItOptions
{
    public const string SectionName = "TryIt";

    /// <summary>Largest clip accepted, in bytes (a minute of 16-bit 48 kHz stereo WAV is about 11 MB).</summary>
    public long MaxClipBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Longest stretch of a clip that is classified, in seconds: a longer clip is cut there before it is
    /// resampled (the answer says so), which bounds the work a small but long-declaring file can cause.
    /// </summary>
    public double MaxClipSeconds { get; set; } = 60;
}

namespace PairwiseCL.Core.Corpora.Synthetic;

/// <summary>
/// How an emotion shifts a speaker's voice, following the usual acoustic correlates (Scherer 2003;
/// Banse &amp; Scherer 1996): high-arousal anger and happiness raise F0 level, range, tempo and loudness,
/// anger flattens the spectral tilt (pressed voice); sadness lowers and narrows F0, slows down, softens
/// and adds breath. All factors are relative to the speaker's neutral voice.
/// </summary>
/// <param name="F0Scale">multiplies the speaker's mean F0</param>
/// <param name="F0RangeScale">multiplies the speaker's pitch-accent range</param>
/// <param name="F0SlopeSemitonesPerSecond">overall contour: negative = declination, positive = rising</param>
/// <param name="SyllablesPerSecond">speaking rate</param>
/// <param name="LoudnessDb">level relative to neutral speech</param>
/// <param name="Jitter">relative standard deviation of consecutive glottal periods</param>
/// <param name="Shimmer">relative standard deviation of consecutive glottal pulse amplitudes</param>
/// <param name="Breathiness">aspiration noise relative to the voiced source</param>
/// <param name="OpenQuotient">share of each glottal period the glottis is open: lower is pressed and brighter</param>
/// <param name="TiltPole">spectral tilt in (-1, 1): positive values low-pass the output (darker, soft voice), negative values pre-emphasise it (brighter, pressed voice)</param>
public sealed record EmotionProfile(
    string Name,
    double F0Scale,
    double F0RangeScale,
    double F0SlopeSemitonesPerSecond,
    double SyllablesPerSecond,
    double LoudnessDb,
    double Jitter,
    double Shimmer,
    double Breathiness,
    double OpenQuotient,
    double TiltPole)
{
    public static EmotionProfile Neutral { get; } = new("neutral", 1.00, 1.0, -1.2, 4.0, 0, 0.005, 0.03, 0.05, 0.60, 0.45);
    public static EmotionProfile Anger { get; } = new("anger", 1.35, 1.5, -1.0, 4.8, 6, 0.012, 0.06, 0.03, 0.40, -0.7);
    public static EmotionProfile Sadness { get; } = new("sadness", 0.85, 0.5, -0.8, 2.8, -6, 0.010, 0.05, 0.20, 0.75, 0.75);
    public static EmotionProfile Happiness { get; } = new("happiness", 1.28, 1.8, 0.5, 4.5, 3, 0.008, 0.04, 0.06, 0.50, 0.2);
    public static EmotionProfile Fear { get; } = new("fear", 1.45, 1.2, 1.0, 5.2, 1, 0.020, 0.07, 0.12, 0.55, 0.1);
    public static EmotionProfile Boredom { get; } = new("boredom", 0.92, 0.4, -2.0, 3.2, -3, 0.006, 0.03, 0.08, 0.65, 0.6);

    /// <summary>The four classes of the IEMOCAP-4 task, the default of the generator.</summary>
    public static IReadOnlyList<EmotionProfile> FourClasses { get; } = [Neutral, Anger, Sadness, Happiness];
}

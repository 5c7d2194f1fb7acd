namespace PairwiseCL.Core.Corpora.Synthetic;

/// <summary>
/// A synthetic speaker's neutral voice. <paramref name="FormantScale"/> stands for vocal-tract length:
/// formant frequencies scale inversely with it (about 1.0 for adult men, 1.15-1.2 for women).
/// </summary>
public sealed record SpeakerProfile(
    string Id,
    string Gender,
    string Session,
    double F0Hz,
    double F0RangeSemitones,
    double FormantScale,
    double Breathiness,
    double LoudnessDb)
{
    /// <summary>Draws a plausible adult voice of the given gender.</summary>
    public static SpeakerProfile Random(string id, string gender, string session, Random random)
    {
        double Between(double low, double high) => low + (high - low) * random.NextDouble();
        var female = gender == "f";
        return new SpeakerProfile(id, gender, session,
            F0Hz: female ? Between(180, 235) : Between(95, 130),
            F0RangeSemitones: Between(3, 5),
            FormantScale: female ? Between(1.12, 1.22) : Between(0.95, 1.05),
            Breathiness: female ? Between(0.03, 0.07) : Between(0.01, 0.04),
            LoudnessDb: Between(-2, 2));
    }
}

namespace PairwiseCL.Core.Corpora.Synthetic;

/// <summary>
/// Shape of a generated corpus: <see cref="Sessions"/> sessions of <see cref="SpeakersPerSession"/>
/// speakers (alternately female and male, as in IEMOCAP), each speaking
/// <see cref="ClipsPerSpeakerAndEmotion"/> clips per emotion, with durations uniform in
/// [<see cref="MinSeconds"/>, <see cref="MaxSeconds"/>]. The same options and seed give identical files.
/// </summary>
public sealed record SyntheticCorpusOptions(
    int Seed = 1,
    int Sessions = 4,
    int SpeakersPerSession = 2,
    int ClipsPerSpeakerAndEmotion = 3,
    double MinSeconds = 2.0,
    double MaxSeconds = 3.0,
    IReadOnlyList<EmotionProfile>? Emotions = null,
    int SampleRate = 16000,
    string CorpusName = "synthetic")
{
    public IReadOnlyList<EmotionProfile> EmotionsOrDefault => Emotions ?? EmotionProfile.FourClasses;

    public int ClipCount => Sessions * SpeakersPerSession * EmotionsOrDefault.Count * ClipsPerSpeakerAndEmotion;

    internal void Validate()
    {
        if (Sessions < 1 || SpeakersPerSession < 1 || ClipsPerSpeakerAndEmotion < 1)
            throw new ArgumentException("Sessions, speakers per session and clips per speaker and emotion must all be at least 1.");
        if (!(MinSeconds >= 0.3) || !(MaxSeconds >= MinSeconds))
            throw new ArgumentException($"Clip durations need 0.3 s <= MinSeconds <= MaxSeconds; got {MinSeconds} and {MaxSeconds}.");
        if (SampleRate < 8000) throw new ArgumentException($"The sample rate must be at least 8000 Hz for the formants to fit; got {SampleRate}.");
        if (EmotionsOrDefault.Count == 0 || EmotionsOrDefault.Select(e => e.Name).Distinct().Count() != EmotionsOrDefault.Count)
            throw new ArgumentException("The emotions must be non-empty and have distinct names.");
        if (EmotionsOrDefault.FirstOrDefault(e => !(Math.Abs(e.TiltPole) < 1) || !(e.OpenQuotient is > 0 and < 1) || !(e.F0Scale > 0) || !(e.SyllablesPerSecond > 0)) is { } invalid)
            throw new ArgumentException($"Emotion '{invalid.Name}' needs |TiltPole| < 1, 0 < OpenQuotient < 1, F0Scale > 0 and SyllablesPerSecond > 0.");
        if (EmotionsOrDefault.Any(e => e.Name.Length == 0 || e.Name.IndexOfAny([',', '"', '\n', '\r', '/', '\\']) >= 0))
            throw new ArgumentException("Emotion names become file names and CSV cells: they must be non-empty, without , \" / \\ or line breaks.");
    }
}

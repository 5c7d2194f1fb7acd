using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// The paralinguistic view: openSMILE-compatible eGeMAPSv02 functionals, one vector of 88 per utterance (names in
/// <see cref="EgemapsFeatureNames.Functionals"/>). Thread-safe: <see cref="Extract"/> may run concurrently for
/// different utterances. <see cref="ExtractWithLowLevelDescriptors"/> also returns the 25 per-frame LLDs.
/// </summary>
public sealed class EgemapsView : IFeatureView
{
    private readonly EgemapsExtractor _extractor;

    public EgemapsView(EgemapsConfiguration? configuration = null)
    {
        Configuration = configuration ?? EgemapsConfiguration.Default;
        _extractor = new EgemapsExtractor(Configuration);
        ConfigurationKey = ConfigurationHash.Of(Configuration);
    }

    public EgemapsConfiguration Configuration { get; }

    public string Name => "egemaps";

    public string ConfigurationKey { get; }

    public int SampleRate => Configuration.SampleRate;

    public IReadOnlyList<int> OutputShape { get; } = [EgemapsFeatureNames.Functionals.Count];

    public FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default) =>
        FeatureMatrix.Vector(_extractor.Extract(clip, cancellationToken).Functionals);

    public EgemapsResult ExtractWithLowLevelDescriptors(AudioClip clip, CancellationToken cancellationToken = default) =>
        _extractor.Extract(clip, cancellationToken);
}

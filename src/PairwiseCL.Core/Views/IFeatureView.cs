using PairwiseCL.Core.Audio;
using PairwiseCL.Core.Views.Cache;

namespace PairwiseCL.Core.Views;

/// <summary>
/// One view of an utterance (log-mel, eGeMAPS, wav2vec 2.0). A view's <see cref="ConfigurationKey"/>
/// changes whenever anything that changes its output changes; with the audio's content hash it keys
/// the feature cache.
/// </summary>
public interface IFeatureView
{
    /// <summary>Short stable name: "mel", "egemaps", "wav2vec2".</summary>
    string Name { get; }

    /// <summary>Hex digest of the view's configuration record (see <see cref="ConfigurationHash"/>).</summary>
    string ConfigurationKey { get; }

    /// <summary>Sample rate the view expects its input clip at.</summary>
    int SampleRate { get; }

    /// <summary>Shape of one utterance's features; -1 marks the variable frame axis.</summary>
    IReadOnlyList<int> OutputShape { get; }

    /// <summary>How the cache stores this view's features unless the caller says otherwise (large views: float16).</summary>
    FeatureStorage PreferredStorage => FeatureStorage.Float32;

    /// <summary>Extracts features from a mono clip already at <see cref="SampleRate"/>.</summary>
    FeatureMatrix Extract(AudioClip clip, CancellationToken cancellationToken = default);
}

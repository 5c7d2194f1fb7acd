namespace PairwiseCL.Core.Models;

/// <summary>The view names the feature views use (<c>IFeatureView.Name</c>) and the encoders are keyed by.</summary>
public static class ViewNames
{
    public const string Mel = "mel";
    public const string Egemaps = "egemaps";
    public const string Wav2Vec2 = "wav2vec2";

    public static IReadOnlyList<string> All { get; } = [Mel, Egemaps, Wav2Vec2];
}

namespace PairwiseCL.Core.Models;

/// <summary>Every architecture choice of the models, one record per part; <see cref="Paper"/> is the paper's.</summary>
public sealed record ModelArchitecture(
    MelCnnConfig Mel,
    EgemapsMlpConfig Egemaps,
    Wav2Vec2EncoderConfig Wav2Vec2,
    ProjectionHeadConfig Projection)
{
    public static ModelArchitecture Paper { get; } = new(new MelCnnConfig(), new EgemapsMlpConfig(), new Wav2Vec2EncoderConfig(), new ProjectionHeadConfig());

    /// <summary>
    /// Parameters of the frozen upstream model a view's features come from: wav2vec 2.0 BASE for the
    /// wav2vec2 view (the paper's Table 5 counts it as frozen), none for features computed by formula.
    /// </summary>
    public long UpstreamFrozenParameters { get; init; } = 94_400_000;

    /// <summary>A freshly initialised encoder for the named view (seed torch first for reproducible weights).</summary>
    public ViewEncoder CreateEncoder(string view) => view switch
    {
        ViewNames.Mel => new MelCnnEncoder(Mel),
        ViewNames.Egemaps => new EgemapsMlpEncoder(Egemaps),
        ViewNames.Wav2Vec2 => new Wav2Vec2LayerEncoder(Wav2Vec2),
        _ => throw new ArgumentException($"Unknown view '{view}'; known views: {string.Join(", ", ViewNames.All)}.", nameof(view)),
    };

    public long UpstreamParametersOf(string view) => view == ViewNames.Wav2Vec2 ? UpstreamFrozenParameters : 0;
}

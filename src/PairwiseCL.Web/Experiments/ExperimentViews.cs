using Microsoft.Extensions.Options;
using PairwiseCL.Core.Training;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Wav2Vec2;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// The views an experiment may use: every view of <see cref="FeatureViewCatalog"/>, plus wav2vec 2.0
/// when a checkpoint is configured (section "Wav2Vec2", ModelPath), and how to open each by name.
/// </summary>
public sealed class ExperimentViews(IOptions<Wav2Vec2ViewOptions> wav2vec2)
{
    public const string Wav2Vec2 = "wav2vec2";

    public const string Wav2Vec2SectionName = "Wav2Vec2";

    public IReadOnlyList<string> Available => FeatureViewCatalog.Names.Where(n => n != Wav2Vec2 || HasWav2Vec2).ToList();

    /// <summary>Views this portal knows but cannot run as configured, each with what would make it available.</summary>
    public IReadOnlyList<UnavailableView> Unavailable =>
        HasWav2Vec2 ? [] : [new UnavailableView(Wav2Vec2, "wav2vec 2.0", $"set {Wav2Vec2SectionName}:ModelPath (README)")];

    private bool HasWav2Vec2 => !string.IsNullOrWhiteSpace(wav2vec2.Value.ModelPath);

    /// <summary>Opens a view; the caller disposes it when it is disposable (wav2vec 2.0 holds a model).</summary>
    /// <param name="padding">The experiment's batching: length buckets extract wav2vec 2.0 per clip at its own length.</param>
    public IFeatureView Open(string name, CancellationToken cancellationToken, BatchPadding padding = BatchPadding.Fixed15s)
    {
        if (name == Wav2Vec2 && !HasWav2Vec2)
            throw new InvalidOperationException($"The wav2vec2 view needs {Wav2Vec2SectionName}:ModelPath to name a checkpoint.");
        cancellationToken.ThrowIfCancellationRequested();
        return FeatureViewCatalog.Create(name, wav2vec2.Value.For(padding));
    }
}

/// <summary>A view shown disabled on the form: its name, how people call it, and what makes it available.</summary>
public sealed record UnavailableView(string Name, string Title, string Remedy);

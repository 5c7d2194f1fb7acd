namespace PairwiseCL.Core.ActiveLearning;

/// <summary>
/// Clips as a selection strategy and a classifier see them: one representation each, the true class (hidden from
/// the strategies until "revealed"), and the speaker.
/// </summary>
public sealed record RepresentedClips
{
    public RepresentedClips(IReadOnlyList<double[]> points, IReadOnlyList<int> labels, IReadOnlyList<string> speakers)
    {
        if (points.Count != labels.Count || points.Count != speakers.Count)
            throw new ArgumentException($"{points.Count} representations, {labels.Count} labels and {speakers.Count} speakers.");
        Points = points;
        Labels = labels;
        Speakers = speakers;
    }

    public IReadOnlyList<double[]> Points { get; }

    public IReadOnlyList<int> Labels { get; }

    public IReadOnlyList<string> Speakers { get; }

    public int Count => Points.Count;
}

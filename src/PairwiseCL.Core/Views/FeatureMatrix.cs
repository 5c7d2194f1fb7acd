namespace PairwiseCL.Core.Views;

/// <summary>
/// Row-major features of one utterance. <see cref="ValidFrames"/> counts the frames along the frame axis
/// that cover real audio (the rest is padding); for utterance-level views it is 1.
/// </summary>
public sealed record FeatureMatrix(int[] Shape, float[] Data, int ValidFrames)
{
    public long ElementCount => Shape.Aggregate(1L, (n, d) => n * d);

    public static FeatureMatrix Vector(float[] values) => new([values.Length], values, 1);

    public void EnsureConsistent()
    {
        if (ElementCount != Data.Length)
            throw new InvalidOperationException($"Shape [{string.Join(",", Shape)}] holds {ElementCount} values but data has {Data.Length}.");
    }
}

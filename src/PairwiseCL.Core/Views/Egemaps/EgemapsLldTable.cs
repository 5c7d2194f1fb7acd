namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// The 25 smoothed low-level descriptors of one utterance, one row per 10 ms frame (row k starts at k * 10 ms),
/// columns in openSMILE's order (<see cref="EgemapsFeatureNames.LowLevelDescriptors"/>). Values are row-major.
/// </summary>
public sealed record EgemapsLldTable(int Frames, float[] Values, double FrameStepSeconds)
{
    public static int Columns => EgemapsFeatureNames.LowLevelDescriptors.Count;

    public float this[int frame, int column] => Values[frame * Columns + column];

    public ReadOnlySpan<float> Row(int frame) => Values.AsSpan(frame * Columns, Columns);

    public float[] Column(int column)
    {
        var values = new float[Frames];
        for (var t = 0; t < Frames; t++) values[t] = Values[t * Columns + column];
        return values;
    }
}

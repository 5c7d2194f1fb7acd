namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>Matrix helpers for the reference files (which store PWCCA activations neurons x datapoints).</summary>
public static class CsvMatrix
{
    public static double[,] Transpose(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (var r = 0; r < m.GetLength(0); r++)
        for (var c = 0; c < m.GetLength(1); c++)
            t[c, r] = m[r, c];
        return t;
    }
}

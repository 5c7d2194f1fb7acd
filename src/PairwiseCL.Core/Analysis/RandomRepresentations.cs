namespace PairwiseCL.Core.Analysis;

/// <summary>Seeded random stand-ins for representations, e.g. the PWCCA random-vector baseline.</summary>
public static class RandomRepresentations
{
    /// <summary>A rows x columns matrix of independent standard-normal values, the same for the same seed.</summary>
    public static double[,] Gaussian(int rows, int columns, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        var random = new Random(seed);
        var values = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
            values[r, c] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
        return values;
    }
}

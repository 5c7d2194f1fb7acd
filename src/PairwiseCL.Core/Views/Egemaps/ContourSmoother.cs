namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>openSMILE's 3-frame symmetric moving average (sma3); the <c>nz</c> variant ignores zeros and keeps them.</summary>
internal static class ContourSmoother
{
    public static double[] Smooth(ReadOnlySpan<double> x, bool ignoreZeros)
    {
        var y = new double[x.Length];
        for (var t = 0; t < x.Length; t++)
        {
            if (ignoreZeros && x[t] == 0) continue;
            double sum = 0;
            var n = 0;
            for (var k = Math.Max(0, t - 1); k <= Math.Min(x.Length - 1, t + 1); k++)
            {
                if (ignoreZeros && x[k] == 0) continue;
                sum += x[k];
                n++;
            }
            y[t] = n > 0 ? sum / n : 0;
        }
        return y;
    }
}

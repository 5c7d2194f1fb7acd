namespace PairwiseCL.Core.Evaluation;

/// <summary>The paper's significance marks beside a result: "*" when p &lt; alpha, else "ns".</summary>
public static class Significance
{
    public const double DefaultAlpha = 0.05;

    public static bool IsSignificant(double pValue, double alpha = DefaultAlpha)
    {
        if (double.IsNaN(pValue) || pValue < 0 || pValue > 1)
            throw new ArgumentOutOfRangeException(nameof(pValue), pValue, "A p-value lies in [0, 1].");
        return pValue < alpha;
    }

    public static string Mark(double pValue, double alpha = DefaultAlpha) =>
        IsSignificant(pValue, alpha) ? "*" : "ns";
}

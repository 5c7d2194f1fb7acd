namespace PairwiseCL.Core.Experiments;

/// <summary>How Figure 3 marks a pre-trained method's point against supervised at the same view and fraction.</summary>
public static class SignificanceMark
{
    /// <summary>"*↑" / "*↓": significantly higher / lower than supervised; "ns" otherwise; "" for supervised itself.</summary>
    public static string Of(SummaryRow row, IReadOnlyList<SummaryRow> summary)
    {
        if (row.Significance != "*") return row.Significance;
        var baseline = summary.FirstOrDefault(s => s.Method == MethodNames.Supervised && s.View == row.View && s.FractionPercent == row.FractionPercent);
        return baseline is null ? "*" : row.UarMean >= baseline.UarMean ? "*↑" : "*↓";
    }
}

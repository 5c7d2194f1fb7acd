using MathNet.Numerics.Statistics;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Compares two functionals tables utterance by utterance (matched by name): Pearson r per feature and the median
/// of |ours - reference| / |reference|.
/// </summary>
public static class EgemapsParity
{
    public static IReadOnlyList<FeatureParity> Compare(OpenSmileTable reference, OpenSmileTable ours)
    {
        var oursByName = ours.Rows.ToDictionary(r => r.Name, r => r.Values);
        var matched = reference.Rows.Where(r => oursByName.ContainsKey(r.Name)).ToList();
        if (matched.Count < 3)
            throw new InvalidOperationException($"Only {matched.Count} utterance names are in both tables; parity needs at least 3.");
        var result = new List<FeatureParity>();
        for (var j = 0; j < reference.Columns.Count; j++)
        {
            var name = reference.Columns[j];
            var ourColumn = IndexOf(ours.Columns, name);
            var x = matched.Select(r => r.Values[j]).ToArray();
            var y = matched.Select(r => oursByName[r.Name][ourColumn]).ToArray();
            result.Add(new FeatureParity(name, Pearson(x, y), MedianRelativeDifference(x, y), matched.Count));
        }
        return result;
    }

    /// <summary>Pearson r; 1 when both columns are constant and equal, 0 when only one is constant.</summary>
    public static double Pearson(double[] x, double[] y)
    {
        var r = Correlation.Pearson(x, y);
        if (double.IsFinite(r)) return r;
        return x.SequenceEqual(y) ? 1.0 : 0.0;
    }

    public static double MedianRelativeDifference(double[] reference, double[] ours) =>
        reference.Zip(ours, (r, o) => r == o ? 0.0 : Math.Abs(o - r) / Math.Max(Math.Abs(r), 1e-12)).Median();

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++) if (columns[i] == name) return i;
        throw new InvalidOperationException($"Feature '{name}' is missing from the compared table.");
    }
}

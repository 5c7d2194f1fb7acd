namespace PairwiseCL.Core.LabelledModels;

/// <summary>A late fusion's class probabilities: per clip and class, the mean over the views' models.</summary>
public static class LateFusion
{
    /// <param name="perView">Each view's probabilities, [clip][class], the clips in the same order in every view.</param>
    public static double[][] Mean(IReadOnlyList<double[][]> perView)
    {
        if (perView.Count == 0) throw new ArgumentException("No view to average.", nameof(perView));
        var clips = perView[0].Length;
        if (perView.Any(v => v.Length != clips)) throw new ArgumentException("Every view must give probabilities for the same clips.", nameof(perView));
        return Enumerable.Range(0, clips)
            .Select(i => Enumerable.Range(0, perView[0][i].Length).Select(c => perView.Sum(v => v[i][c]) / perView.Count).ToArray())
            .ToArray();
    }
}

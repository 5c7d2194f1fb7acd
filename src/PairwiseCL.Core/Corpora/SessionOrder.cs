namespace PairwiseCL.Core.Corpora;

/// <summary>
/// Orders session names numerically when both are integers ("2" before "10") and ordinally otherwise,
/// so fold numbering follows the corpus's own session numbering.
/// </summary>
public sealed class SessionOrder : IComparer<string>
{
    public static SessionOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (long.TryParse(x, out var a) && long.TryParse(y, out var b) && a != b) return a.CompareTo(b);
        return string.CompareOrdinal(x, y);
    }
}

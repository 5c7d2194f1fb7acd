namespace PairwiseCL.Core.Progress;

/// <summary>
/// The time left of a job made of different kinds of work (pre-training epochs, fine-tuning runs at each label
/// fraction), each priced at its own measured cost. One average over everything ran low: the cheap units done
/// first (small fractions, stored runs) priced the expensive ones left. Units that turn out not to run (stored
/// results, early stopping, skipped pre-trainings) leave the plan at no cost. A kind not measured yet is priced
/// by its family's measured units (another fraction's runs); with neither, the estimate is unknown (null),
/// since a guess that is wrong by minutes is worse than "estimating".
/// </summary>
public sealed class RemainingTimeEstimate
{
    private readonly Dictionary<string, Kind> kinds = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="units"/> of work of one kind to the plan.</summary>
    public void Plan(string kind, int units, string? family = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var entry = Get(kind, family);
        entry.Left += units;
    }

    /// <summary>Units of a kind that ran, and how long they took together.</summary>
    public void Done(string kind, int units, TimeSpan took)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var entry = Get(kind, null);
        entry.Left = Math.Max(0, entry.Left - units);
        entry.Measured += units;
        entry.Seconds += Math.Max(0, took.TotalSeconds);
    }

    /// <summary>Units of a kind that will not run (stored, stopped early, not needed).</summary>
    public void Skip(string kind, int units)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var entry = Get(kind, null);
        entry.Left = Math.Max(0, entry.Left - units);
    }

    /// <summary>The estimated time left, or null while some kind with work left has no measured cost.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var seconds = 0.0;
            foreach (var (_, entry) in kinds)
            {
                if (entry.Left == 0) continue;
                if (CostPerUnit(entry) is not { } cost) return null;
                seconds += entry.Left * cost;
            }
            return TimeSpan.FromSeconds(seconds);
        }
    }

    private double? CostPerUnit(Kind entry)
    {
        if (entry.Measured > 0) return entry.Seconds / entry.Measured;
        if (entry.Family is null) return null;
        var family = kinds.Values.Where(k => k.Family == entry.Family && k.Measured > 0).ToList();
        return family.Count == 0 ? null : family.Sum(k => k.Seconds) / family.Sum(k => k.Measured);
    }

    private Kind Get(string kind, string? family)
    {
        if (!kinds.TryGetValue(kind, out var entry)) kinds[kind] = entry = new Kind(family);
        return entry;
    }

    private sealed class Kind(string? family)
    {
        public string? Family { get; } = family;
        public int Left { get; set; }
        public int Measured { get; set; }
        public double Seconds { get; set; }
    }
}

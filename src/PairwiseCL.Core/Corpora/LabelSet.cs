namespace PairwiseCL.Core.Corpora;

/// <summary>
/// The classes a task uses, how raw labels map onto them (IEMOCAP: "exc" -> "hap"), and which
/// utterances are excluded (by id prefix, e.g. the dialogue "Ses05M_script01_1"). A raw label that is
/// neither a class nor merged into one is outside the set.
/// </summary>
public sealed record LabelSet(
    string Name,
    IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, string>? Merges = null,
    IReadOnlyList<string>? ExcludedIdPrefixes = null)
{
    /// <summary>The class a raw label belongs to, or null when the label is outside this set.</summary>
    public string? Map(string? rawLabel)
    {
        if (rawLabel is null) return null;
        if (Merges is not null && Merges.TryGetValue(rawLabel, out var merged)) rawLabel = merged;
        return Classes.Contains(rawLabel) ? rawLabel : null;
    }

    public bool Excludes(Utterance utterance) =>
        ExcludedIdPrefixes is not null && ExcludedIdPrefixes.Any(p => utterance.Id.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Class index of an utterance under this set, or -1 when it is excluded or outside.</summary>
    public int ClassIndexOf(Utterance utterance)
    {
        if (Excludes(utterance)) return -1;
        var mapped = Map(utterance.Label);
        return mapped is null ? -1 : Classes.ToList().IndexOf(mapped);
    }
}

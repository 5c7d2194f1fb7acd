namespace PairwiseCL.Core.Corpora;

/// <summary>
/// A named set of utterances whose audio lives under <see cref="AudioRoot"/>. <see cref="LabelSets"/>
/// names the label sets the corpus offers (e.g. IEMOCAP-10 and IEMOCAP-4).
/// </summary>
public sealed record Corpus(
    string Name,
    string AudioRoot,
    IReadOnlyList<Utterance> Utterances,
    IReadOnlyList<LabelSet> LabelSets)
{
    public string ResolveAudioPath(Utterance utterance) =>
        Path.IsPathRooted(utterance.AudioPath) ? utterance.AudioPath : Path.Combine(AudioRoot, utterance.AudioPath);

    /// <summary>Utterances that belong to a label set, with their class index.</summary>
    public IEnumerable<(Utterance Utterance, int ClassIndex)> Labelled(LabelSet labelSet) =>
        Utterances.Select(u => (u, labelSet.ClassIndexOf(u))).Where(x => x.Item2 >= 0);
}

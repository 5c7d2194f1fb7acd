using PairwiseCL.Core.Corpora;

namespace PairwiseCL.Web.Labelling;

/// <summary>
/// What the labelling page works on: a corpus's clips in imported order, the label set chosen (null
/// when the corpus has none yet) and the names of all its label sets.
/// </summary>
public sealed record LabellingQueue(int CorpusId, string CorpusName, IReadOnlyList<string> LabelSetNames, LabelSet? LabelSet, IReadOnlyList<QueueItem> Items)
{
    public LabellingProgress Progress => LabellingProgress.Of(Items, LabelSet);
}

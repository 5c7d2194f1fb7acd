using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Web.Corpora;

/// <summary>What the corpus page shows: the counts and every utterance.</summary>
public sealed record CorpusDetail(CorpusSummary Summary, Corpus Corpus);

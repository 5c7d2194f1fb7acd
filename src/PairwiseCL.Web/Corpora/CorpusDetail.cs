using PairwiseCL.Core.Corpora;
using PairwiseCL.Store.Corpora;

namespace PairwiseCL.Web.Corpora;

/// <summary>What the corpus page shows: the counts, every utterance and the model predictions accepted as labels (by utterance id).</summary>
public sealed record CorpusDetail(CorpusSummary Summary, Corpus Corpus, IReadOnlyDictionary<string, string> AcceptedPredictions);

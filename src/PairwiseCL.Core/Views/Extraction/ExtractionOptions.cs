using PairwiseCL.Core.Views.Cache;

namespace PairwiseCL.Core.Views.Extraction;

/// <summary>How a corpus is run through a view. <see cref="MaxDegreeOfParallelism"/> 0 means one
/// worker per core; <see cref="Storage"/> null means the view's <see cref="IFeatureView.PreferredStorage"/>.</summary>
public sealed record ExtractionOptions(int MaxDegreeOfParallelism = 0, FeatureStorage? Storage = null)
{
    public int Workers => MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;
}

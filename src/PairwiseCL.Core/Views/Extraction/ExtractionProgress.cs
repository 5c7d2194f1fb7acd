namespace PairwiseCL.Core.Views.Extraction;

/// <summary>Progress of a corpus extraction: utterances done (extracted or found in the cache) of the total.</summary>
public sealed record ExtractionProgress(string View, int Done, int Total, int FromCache, int Failed, double AudioSeconds, TimeSpan Elapsed)
{
    /// <summary>Audio seconds processed per wall-clock second (cache hits included).</summary>
    public double AudioSecondsPerSecond => Elapsed.TotalSeconds > 0 ? AudioSeconds / Elapsed.TotalSeconds : 0;
}

namespace PairwiseCL.Core.Views.Extraction;

public sealed record ExtractionFailure(string UtteranceId, string AudioPath, string Message);

/// <summary>What a corpus extraction did. Failures name the file; the rest of the corpus was extracted.</summary>
public sealed record ExtractionSummary(
    string View,
    int Extracted,
    int FromCache,
    IReadOnlyList<ExtractionFailure> Failures,
    double AudioSeconds,
    TimeSpan Elapsed)
{
    /// <summary>Audio seconds extracted per wall-clock second, counting only freshly extracted clips' time.</summary>
    public double AudioSecondsPerSecond => Elapsed.TotalSeconds > 0 ? AudioSeconds / Elapsed.TotalSeconds : 0;
}

using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Extracts many files in parallel (one utterance per work item, results in input order). Progress reports the
/// number of finished files.
/// </summary>
public sealed class EgemapsBatchExtractor(EgemapsExtractor extractor)
{
    public IReadOnlyList<EgemapsResult> ExtractAll(IReadOnlyList<EgemapsInput> inputs, int degreeOfParallelism,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (degreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(degreeOfParallelism), degreeOfParallelism, "Use at least one thread.");
        var results = new EgemapsResult[inputs.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, inputs.Count, options, i =>
        {
            var clip = WavReader.Read(inputs[i].AudioPath);
            results[i] = extractor.Extract(clip, cancellationToken);
            progress?.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}

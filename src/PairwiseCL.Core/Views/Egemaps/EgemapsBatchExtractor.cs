using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Extracts many files in parallel (one utterance per work item, results in input order). A file that cannot
/// be read or extracted is reported with its reason and the others go on, as the corpus importers do.
/// Progress reports the number of finished files.
/// </summary>
public sealed class EgemapsBatchExtractor(EgemapsExtractor extractor)
{
    public EgemapsBatch ExtractAll(IReadOnlyList<EgemapsInput> inputs, int degreeOfParallelism,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (degreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(degreeOfParallelism), degreeOfParallelism, "Use at least one thread.");
        var results = new EgemapsResult?[inputs.Count];
        var problems = new string?[inputs.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, inputs.Count, options, i =>
        {
            try
            {
                results[i] = extractor.Extract(WavReader.Read(inputs[i].AudioPath), cancellationToken);
            }
            catch (AudioFormatException e)
            {
                problems[i] = e.Message;
            }
            catch (ArgumentException e)
            {
                // A WAV at another rate than the configuration's: not this batch's audio, but not a reason to stop.
                problems[i] = $"{inputs[i].AudioPath}: {e.Message.Split(" (Parameter")[0]}";
            }
            progress?.Report(Interlocked.Increment(ref done));
        });
        var extracted = Enumerable.Range(0, inputs.Count).Where(i => results[i] is not null).Select(i => (inputs[i], results[i]!)).ToList();
        var failed = Enumerable.Range(0, inputs.Count).Where(i => problems[i] is not null).Select(i => (inputs[i], problems[i]!)).ToList();
        return new EgemapsBatch(extracted, failed);
    }
}

/// <summary>The utterances extracted (in input order) and those that could not be, each with its reason.</summary>
public sealed record EgemapsBatch(
    IReadOnlyList<(EgemapsInput Input, EgemapsResult Result)> Extracted,
    IReadOnlyList<(EgemapsInput Input, string Problem)> Failed);

using System.Diagnostics;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>Stages of one eGeMAPS extraction, in pipeline order (see <see cref="EgemapsStageTimes"/>).</summary>
public enum EgemapsStage
{
    SpectrumFft,
    LoudnessMfcc,
    SpectralBalance,
    FormantResampling,
    FormantLpcRoots,
    PitchFft,
    SubharmonicSummation,
    Viterbi,
    HarmonicsHnr,
    JitterShimmer,
    Functionals,
}

/// <summary>
/// Wall time per extraction stage, summed over every utterance extracted with it (thread-safe): the profile
/// `pairwisecl bench` prints so that speed work starts where the time goes. Timing costs two timestamps per
/// stage and frame (tens of nanoseconds), against tens of microseconds of work.
/// </summary>
public sealed class EgemapsStageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<EgemapsStage>().Length];

    /// <summary>Adds the time since <paramref name="stamp"/> to a stage and moves the stamp to now.</summary>
    internal void Lap(EgemapsStage stage, ref long stamp)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)stage], now - stamp);
        stamp = now;
    }

    public IReadOnlyList<(EgemapsStage Stage, double Seconds)> Seconds =>
        Enum.GetValues<EgemapsStage>().Select(s => (s, (double)Interlocked.Read(ref _ticks[(int)s]) / Stopwatch.Frequency)).ToList();
}

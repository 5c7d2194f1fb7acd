using static TorchSharp.torch;

namespace PairwiseCL.Core.Models;

/// <summary>
/// Builds modules under one process-wide lock, seeding torch's global generator first when asked. Module
/// constructors draw their initial weights from that one generator, so two trainings building models at the
/// same time (a portal serving two devices, an analysis job beside a test's experiment) would take each
/// other's numbers and lose reproducibility. Every module construction in Core goes through here, seeded
/// or not (an unseeded one would still consume numbers in the middle of a seeded one).
/// </summary>
public static class SeededModules
{
    // Monitor, not System.Threading.Lock: builders nest (a model builds its encoders) and re-enter.
    private static readonly object Gate = new();

    public static T Build<T>(int seed, Func<T> build)
    {
        lock (Gate)
        {
            manual_seed(seed);
            return build();
        }
    }

    /// <summary>A module whose initial weights do not matter (they are loaded or only counted).</summary>
    public static T Build<T>(Func<T> build)
    {
        lock (Gate) return build();
    }
}

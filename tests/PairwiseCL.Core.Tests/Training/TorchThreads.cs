using System.Runtime.CompilerServices;

namespace PairwiseCL.Core.Tests.Training;

internal static class TorchThreads
{
    /// <summary>
    /// The tests' models are tiny: one intra-op thread avoids the synchronisation cost that dominates them
    /// on a shared 2-core machine, and fixes the thread count that floating-point reductions depend on.
    /// </summary>
    [ModuleInitializer]
    internal static void UseOneThread() => TorchSharp.torch.set_num_threads(1);
}

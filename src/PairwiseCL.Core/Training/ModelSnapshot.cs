using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>An in-memory copy of a module's parameters and buffers (the best epoch so far).</summary>
internal sealed class ModelSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> state;

    private ModelSnapshot(Dictionary<string, Tensor> state) => this.state = state;

    public static ModelSnapshot Capture(nn.Module module)
    {
        using var noGrad = no_grad();
        return new ModelSnapshot(module.state_dict().ToDictionary(e => e.Key, e => Copy(e.Value)));
    }

    /// <summary>
    /// The detached view is held and disposed after clone returns: as an unnamed temporary it was unreachable
    /// during the native clone, and a GC on another thread let its finalizer free it mid-copy (a SIGSEGV in
    /// THSTensor_clone, reproduced by ProtocolTorchLifetimeTests' stress run; the Scalar race of ScalarSafe
    /// with a Tensor).
    /// </summary>
    private static Tensor Copy(Tensor value)
    {
        using var detached = value.detach();
        return detached.clone().DetachFromDisposeScope();
    }

    public void RestoreInto(nn.Module module)
    {
        using var noGrad = no_grad();
        module.load_state_dict(state);
    }

    public void Dispose()
    {
        foreach (var tensor in state.Values)
            tensor.Dispose();
    }
}

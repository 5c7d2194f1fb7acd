using static TorchSharp.torch;

namespace PairwiseCL.Core.Training;

/// <summary>CUDA when libtorch sees a GPU, else the CPU; the training code is the same on both.</summary>
public static class TrainingDevice
{
    public static Device Default => cuda.is_available() ? CUDA : CPU;
}

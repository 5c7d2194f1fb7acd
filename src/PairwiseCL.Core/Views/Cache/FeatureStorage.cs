namespace PairwiseCL.Core.Views.Cache;

/// <summary>How cached features are stored: float32 exactly, or float16 at half the disk size
/// (relative error below 1e-3, enough for log-mels and hidden states; large views use it).</summary>
public enum FeatureStorage : byte
{
    Float32 = 0,
    Float16 = 1,
}

namespace PairwiseCL.Core.Experiments;

/// <summary>Derives distinct, reproducible seeds for folds and repeats from the protocol's seed.</summary>
public static class StableSeed
{
    public static int Of(params int[] parts)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var part in parts)
                for (var shift = 0; shift < 32; shift += 8)
                {
                    hash ^= (uint)(part >> shift) & 0xFF;
                    hash *= 16777619u;
                }
            return (int)(hash & 0x7FFFFFFF);
        }
    }
}

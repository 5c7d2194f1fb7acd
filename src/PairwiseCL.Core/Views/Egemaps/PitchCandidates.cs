namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>Up to N pitch candidates of one frame (Hz and voicing probability; 0 marks an empty slot).</summary>
internal sealed class PitchCandidates(int capacity)
{
    public double[] Frequency { get; } = new double[capacity];
    public double[] Voicing { get; } = new double[capacity];
    public double[] Score { get; } = new double[capacity];
    public int Capacity => Frequency.Length;

    public void Clear()
    {
        Array.Clear(Frequency);
        Array.Clear(Voicing);
        Array.Clear(Score);
    }
}

namespace PairwiseCL.Core.Audio;

/// <summary>
/// The sample rates the portal decodes. Below 4 kHz a clip holds no usable speech band; above 384 kHz no
/// recorder writes. Either end only serves to make resampling to a view's rate cost without bound (a 40 KB
/// WAV declaring 1 Hz became 5 GB at 16 kHz), and each odd rate would tabulate another filter.
/// </summary>
public static class SupportedSampleRates
{
    public const int MinimumHz = 4_000;
    public const int MaximumHz = 384_000;

    public static bool Contains(int hertz) => hertz is >= MinimumHz and <= MaximumHz;

    /// <summary>The <see cref="AudioFormatException.Problem"/> for a clip recorded at <paramref name="hertz"/>.</summary>
    public static string Problem(long hertz) =>
        $"declares a sample rate of {hertz:N0} Hz; the portal reads clips recorded at {MinimumHz:N0} to {MaximumHz:N0} Hz";
}

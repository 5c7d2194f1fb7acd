namespace PairwiseCL.Core.Views.Mel;

/// <summary>
/// Everything that changes the log-mel view's output (the paper: 25 ms window, 10 ms hop, 64 mel
/// filters 60-7800 Hz, 15 s). Framing follows torchaudio's MelSpectrogram defaults: frames are centred
/// (frame k covers samples around k * hop, the signal reflect-padded by FftSize/2 at both ends), so
/// N samples give 1 + N / hop frames: 15 s at 16 kHz -> 1501 frames. The periodic Hann window of
/// <see cref="WindowLength"/> samples is zero-padded to <see cref="FftSize"/>.
/// </summary>
public sealed record LogMelConfiguration(
    int SampleRate = 16000,
    int WindowLength = 400,
    int HopLength = 160,
    int FftSize = 512,
    int MelBands = 64,
    double MinFrequency = 60,
    double MaxFrequency = 7800,
    double LogFloor = 1e-6,
    double? FixedLengthSeconds = 15.0)
{
    public static LogMelConfiguration Paper { get; } = new();

    /// <summary>Frames for <paramref name="samples"/> samples under centred framing.</summary>
    public int FrameCount(int samples) => 1 + samples / HopLength;

    public void Validate()
    {
        if (SampleRate <= 0) throw new ArgumentException($"SampleRate must be positive (got {SampleRate}).");
        if (WindowLength <= 0 || WindowLength > FftSize) throw new ArgumentException($"WindowLength must be in 1..FftSize ({FftSize}); got {WindowLength}.");
        if (HopLength <= 0) throw new ArgumentException($"HopLength must be positive (got {HopLength}).");
        if (MelBands <= 0) throw new ArgumentException($"MelBands must be positive (got {MelBands}).");
        if (MinFrequency < 0 || MaxFrequency <= MinFrequency || MaxFrequency > SampleRate / 2.0)
            throw new ArgumentException($"Mel range {MinFrequency}-{MaxFrequency} Hz must lie within 0-{SampleRate / 2} Hz and be increasing.");
        if (LogFloor <= 0) throw new ArgumentException($"LogFloor must be positive (got {LogFloor}).");
        if (FixedLengthSeconds is <= 0) throw new ArgumentException($"FixedLengthSeconds must be positive when set (got {FixedLengthSeconds}).");
    }
}

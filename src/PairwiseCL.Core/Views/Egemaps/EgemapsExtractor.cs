using System.Buffers;
using System.Diagnostics;
using PairwiseCL.Core.Audio;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Native eGeMAPSv02 (openSMILE 3.0) extraction: 25 LLDs per 10 ms frame and the 88 functionals over them.
/// Stateless and thread-safe: every call builds its own small workspace, so utterances can be extracted in
/// parallel.
/// <para>Conventions for degenerate input (all outputs stay finite): a clip shorter than one 20 ms frame has no
/// frames and all 88 functionals are 0; voiced-only functionals (F0, jitter, shimmer, HNR, harmonic and formant
/// features, the V set) are 0 when no frame is voiced, the unvoiced set is 0 when every frame is voiced, a
/// coefficient of variation is 0 when its mean is 0, and equivalentSoundLevel_dBp is floored at -100 dB
/// (digital silence). Non-finite samples are treated as 0.</para>
/// </summary>
public sealed class EgemapsExtractor(EgemapsConfiguration? configuration = null)
{
    private readonly long _maxKeptSpectrumValues = 10_000_000;

    /// <param name="maxKeptSpectrumValues">Memory budget (doubles) for keeping the 60 ms spectra between the passes.</param>
    internal EgemapsExtractor(EgemapsConfiguration? configuration, long maxKeptSpectrumValues) : this(configuration) =>
        _maxKeptSpectrumValues = maxKeptSpectrumValues;

    public EgemapsConfiguration Configuration { get; } = configuration ?? EgemapsConfiguration.Default;

    public EgemapsResult Extract(AudioClip clip, CancellationToken cancellationToken = default) => Extract(clip, null, cancellationToken);

    /// <param name="times">When given, the wall time of each stage is added to it (a profile).</param>
    public EgemapsResult Extract(AudioClip clip, EgemapsStageTimes? times, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != Configuration.SampleRate)
            throw new ArgumentException(
                $"eGeMAPS expects {Configuration.SampleRate} Hz audio but the clip is {clip.SampleRate} Hz; resample it first.",
                nameof(clip));
        var samples = Sanitise(clip.Samples);
        var contours = ComputeContours(samples, times, cancellationToken);
        var stamp = Stopwatch.GetTimestamp();
        var functionals = EgemapsFunctionalSet.Compute(contours, Configuration);
        times?.Lap(EgemapsStage.Functionals, ref stamp);
        return new EgemapsResult(functionals, contours.ToTable(), clip.DurationSeconds);
    }

    private static float[] Sanitise(float[] samples)
    {
        foreach (var s in samples)
            if (!float.IsFinite(s))
                return samples.Select(v => float.IsFinite(v) ? v : 0f).ToArray();
        return samples;
    }

    private RawContours ComputeContours(float[] samples, EgemapsStageTimes? times, CancellationToken cancellationToken)
    {
        var c = Configuration;
        var rate = c.SampleRate;
        var step = (int)Math.Round(c.FrameStepSeconds * rate);
        var pitchLength = (int)Math.Round(c.PitchFrameSeconds * rate);
        var spectralLength = (int)Math.Round(c.SpectralFrameSeconds * rate);
        var n = samples.Length;
        // 20 ms frames that fit; 60 ms frames that fit plus the one openSMILE emits at the end of input.
        var spectralFrames = n >= spectralLength ? (n - spectralLength) / step + 1 : 0;
        var pitchFrames = spectralFrames == 0 ? 0 : n >= pitchLength ? (n - pitchLength) / step + 2 : 1;
        pitchFrames = Math.Min(pitchFrames, spectralFrames);
        var raw = new RawContours(spectralFrames, pitchFrames, c.FrameStepSeconds);

        AnalyseSpectralFrames(samples, step, spectralLength, raw, times, cancellationToken);
        AnalysePitch(samples, step, pitchLength, raw, times, cancellationToken);
        return raw;
    }

    private void AnalyseSpectralFrames(float[] samples, int step, int length, RawContours raw, EgemapsStageTimes? times, CancellationToken ct)
    {
        var c = Configuration;
        var spectrum = new SpectrumFrame(SpectrumFrame.Hamming(length));
        var bins = spectrum.Magnitude.Length;
        var binHz = spectrum.BinHz(c.SampleRate);
        var cepstral = new CepstralAndLoudness(c, bins, binHz);
        var balance = new SpectralBalance(bins, binHz);
        var formants = new FormantAnalyzer(c, bins, binHz, length, c.SampleRate);
        Span<double> mfcc = stackalloc double[4];
        Span<double> spectral = stackalloc double[5];
        Span<double> frequencies = stackalloc double[3];
        Span<double> bandwidths = stackalloc double[3];
        var stamp = Stopwatch.GetTimestamp();
        for (var t = 0; t < raw.SpectralFrames; t++)
        {
            if ((t & 63) == 0) ct.ThrowIfCancellationRequested();
            var start = t * step;
            double energy = 0;
            for (var i = 0; i < length; i++)
            {
                var index = start + i;
                var x = index < samples.Length ? samples[index] : 0f;
                energy += x * x;
            }
            raw.Energy[t] = energy / length;
            spectrum.Analyse(samples, start);
            times?.Lap(EgemapsStage.SpectrumFft, ref stamp);
            raw.Loudness[t] = cepstral.Compute(spectrum.Magnitude, mfcc);
            for (var k = 0; k < 4; k++) raw.Mfcc[k][t] = mfcc[k];
            times?.Lap(EgemapsStage.LoudnessMfcc, ref stamp);
            balance.Compute(spectrum.Magnitude, spectral);
            for (var k = 0; k < 5; k++) raw.Spectral[k][t] = spectral[k];
            times?.Lap(EgemapsStage.SpectralBalance, ref stamp);
            formants.Analyse(spectrum.Real, spectrum.Imaginary, frequencies, bandwidths, times, ref stamp);
            for (var k = 0; k < 3; k++)
            {
                raw.FormantFrequency[k][t] = frequencies[k];
                raw.FormantBandwidth[k][t] = bandwidths[k];
            }
            times?.Lap(EgemapsStage.FormantLpcRoots, ref stamp);
        }
    }

    private void AnalysePitch(float[] samples, int step, int length, RawContours raw, EgemapsStageTimes? times, CancellationToken ct)
    {
        var frames = raw.PitchFrames;
        if (frames == 0) return;
        var bins = SpectrumFrame.NextPowerOfTwo(length) / 2 + 1;
        // Every frame's 60 ms spectrum, kept for the harmonics pass after the Viterbi smoothing instead of being
        // computed twice, up to a memory budget (about 3 minutes of audio); longer clips recompute it.
        // Rented: a fresh large array per utterance costs page clearing and full collections (every row is written
        // before it is read).
        var magnitudes = (long)frames * bins <= _maxKeptSpectrumValues ? ArrayPool<double>.Shared.Rent(frames * bins) : null;
        try
        {
            AnalysePitchFrames(samples, step, length, raw, times, magnitudes, ct);
        }
        finally
        {
            if (magnitudes is not null) ArrayPool<double>.Shared.Return(magnitudes);
        }
    }

    private void AnalysePitchFrames(float[] samples, int step, int length, RawContours raw, EgemapsStageTimes? times, double[]? magnitudes, CancellationToken ct)
    {
        var c = Configuration;
        var frames = raw.PitchFrames;
        var spectrum = new SpectrumFrame(SpectrumFrame.Gaussian(length, c.PitchWindowSigma));
        var bins = spectrum.Magnitude.Length;
        var binHz = spectrum.BinHz(c.SampleRate);
        var shs = new SubharmonicSummationPitch(c, bins, binHz);
        var candidates = new PitchCandidates(c.PitchCandidates);
        var frequency = new double[frames][];
        var voicing = new double[frames][];
        var rms = new double[frames];
        var stamp = Stopwatch.GetTimestamp();
        for (var t = 0; t < frames; t++)
        {
            if ((t & 63) == 0) ct.ThrowIfCancellationRequested();
            var magnitude = magnitudes is null ? spectrum.Magnitude : magnitudes.AsSpan(t * bins, bins);
            spectrum.AnalyseInto(samples, t * step, magnitude);
            double sum = 0;
            foreach (var x in spectrum.Windowed) sum += x * x;
            rms[t] = Math.Sqrt(sum / length);
            times?.Lap(EgemapsStage.PitchFft, ref stamp);
            shs.Detect(magnitude, candidates);
            frequency[t] = (double[])candidates.Frequency.Clone();
            voicing[t] = (double[])candidates.Voicing.Clone();
            times?.Lap(EgemapsStage.SubharmonicSummation, ref stamp);
        }

        var f0 = new ViterbiPitchSmoother(c).Smooth(frequency, voicing);
        times?.Lap(EgemapsStage.Viterbi, ref stamp);
        var harmonics = new HarmonicAnalyzer(bins, binHz, c.SampleRate);
        var jitter = new JitterShimmerAnalyzer(c, length, step);
        Span<double> formantHz = stackalloc double[3];
        Span<double> harmonicOut = stackalloc double[5];
        for (var t = 0; t < frames; t++)
        {
            if ((t & 63) == 0) ct.ThrowIfCancellationRequested();
            var hz = rms[t] >= c.VoicingEnergyThreshold ? f0[t] : 0.0;
            raw.F0Hz[t] = hz;
            raw.F0Semitone[t] = hz > 29.136 ? 12.0 * Math.Log2(hz / 27.5) : hz > 0 ? 1.0 : 0.0;
            if (magnitudes is null) spectrum.Analyse(samples, t * step);
            var magnitude = magnitudes is null ? spectrum.Magnitude : magnitudes.AsSpan(t * bins, bins);
            raw.Hnr[t] = harmonics.HarmonicsToNoiseDb(magnitude, hz);
            for (var k = 0; k < 3; k++) formantHz[k] = raw.FormantFrequency[k][t];
            harmonics.Harmonics(magnitude, hz, formantHz, harmonicOut);
            raw.H1H2[t] = harmonicOut[0];
            raw.H1A3[t] = harmonicOut[1];
            for (var k = 0; k < 3; k++) raw.FormantAmplitude[k][t] = harmonicOut[2 + k];
            times?.Lap(EgemapsStage.HarmonicsHnr, ref stamp);
            var (j, s) = jitter.Analyse(samples, t * step, hz, c.SampleRate);
            raw.Jitter[t] = j;
            raw.Shimmer[t] = s;
            times?.Lap(EgemapsStage.JitterShimmer, ref stamp);
        }
    }
}

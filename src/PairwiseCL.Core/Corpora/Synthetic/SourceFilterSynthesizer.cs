namespace PairwiseCL.Core.Corpora.Synthetic;

/// <summary>
/// A small source-filter speech synthesiser: a Rosenberg glottal pulse train (with jitter, shimmer and
/// aspiration noise) through a cascade of four formant resonators (Klatt 1980), lip radiation and a
/// spectral-tilt filter (vocal effort), shaped into syllables (consonant noise onset, vowel nucleus) under a pitch
/// contour with declination and per-syllable accents. It is not meant to sound natural; it is meant
/// to carry the acoustic cues of speaker and emotion that speech-emotion models pick up, deterministically.
/// </summary>
public sealed class SourceFilterSynthesizer(int sampleRate = 16000)
{
    // Adult male formants F1-F4 (Hz) of five vowels (Peterson & Barney 1952, rounded): a, e, i, o, u.
    private static readonly double[][] Vowels =
    [
        [730, 1090, 2440, 3400],
        [530, 1840, 2480, 3500],
        [270, 2290, 3010, 3600],
        [570, 840, 2410, 3400],
        [300, 870, 2240, 3400],
    ];

    private static readonly double[] Bandwidths = [70, 100, 130, 200];
    private const int CoefficientUpdateInterval = 16;
    private const double ReferenceRms = 0.05;
    // Consonant noise relative to the vowels' level (-12 dB), so the vowels' tilt dominates the spectrum.
    private const double FricationToVowelRatio = 0.25;

    public int SampleRate { get; } = sampleRate;

    public float[] Synthesize(SpeakerProfile speaker, EmotionProfile emotion, double seconds, Random random)
    {
        var length = (int)Math.Round(seconds * SampleRate);
        var syllables = PlanSyllables(seconds, emotion, random);
        var radiatedVoice = new double[length];
        var radiatedAspiration = new double[length];
        var fricationNoise = new double[length];

        var baseF0 = speaker.F0Hz * emotion.F0Scale;
        var rangeSemitones = speaker.F0RangeSemitones * emotion.F0RangeScale;
        var breath = speaker.Breathiness + emotion.Breathiness;
        var openQuotient = Math.Clamp(emotion.OpenQuotient, 0.3, 0.9);
        var speechStart = syllables[0].Start;
        var targets = syllables.Select(s => Vowels[s.Vowel].Select(f => f * speaker.FormantScale).ToArray()).ToArray();
        var formants = (double[])targets[0].Clone();
        var glide = 1 - Math.Exp(-1.0 / (0.02 * SampleRate)); // formant transitions of ~20 ms
        // Voice and aspiration noise pass through the same vocal tract, but separately, so that their
        // levels can be set relative to each other afterwards (white noise would otherwise swamp the
        // high frequencies of the smooth glottal pulses whatever the emotion).
        var tract = new FormantCascade(4);
        var aspirationTract = new FormantCascade(4);

        double phase = 0, periodF0Factor = 1, pulseAmplitude = 1, previousVoice = 0, previousAspiration = 0;
        var current = 0;
        for (var n = 0; n < length; n++)
        {
            var t = (double)n / SampleRate;
            while (current < syllables.Length - 1 && t >= syllables[current].End) current++;
            var syllable = syllables[current];
            var (voicing, frication, position) = syllable.Envelope(t);

            for (var k = 0; k < formants.Length; k++) formants[k] += (targets[current][k] - formants[k]) * glide;
            if (n % CoefficientUpdateInterval == 0)
            {
                tract.Tune(formants, Bandwidths, SampleRate);
                aspirationTract.Tune(formants, Bandwidths, SampleRate);
            }

            var semitones = emotion.F0SlopeSemitonesPerSecond * (t - speechStart) + syllable.Accent * rangeSemitones * Math.Sin(Math.PI * position);
            var f0 = baseF0 * Math.Pow(2, semitones / 12) * periodF0Factor;
            phase += f0 / SampleRate;
            if (phase >= 1)
            {
                // A new glottal cycle: draw its period and amplitude perturbations.
                phase -= Math.Floor(phase);
                periodF0Factor = 1 + emotion.Jitter * Gaussian(random);
                pulseAmplitude = Math.Max(0, 1 + emotion.Shimmer * Gaussian(random));
            }
            var flow = RosenbergPulse(phase, openQuotient) * pulseAmplitude;
            var noise = 2 * random.NextDouble() - 1;
            var voiced = tract.Process(voicing * flow);
            // Turbulence at the glottis is strongest while it is open: noise modulated by the flow.
            var aspiration = aspirationTract.Process(voicing * noise * (0.3 + flow));

            radiatedVoice[n] = voiced - previousVoice; // lip radiation: a first difference
            radiatedAspiration[n] = aspiration - previousAspiration;
            (previousVoice, previousAspiration) = (voiced, aspiration);
            fricationNoise[n] = frication * noise;
        }
        var mixed = Mix(radiatedVoice, (radiatedAspiration, breath), (fricationNoise, FricationToVowelRatio));
        return Normalise(Tilt(mixed, emotion.TiltPole), emotion.LoudnessDb + speaker.LoudnessDb, random);
    }

    /// <summary>Adds noise sources to the voice, each at a given amplitude ratio to it (measured where active).</summary>
    private static double[] Mix(double[] voice, params (double[] Signal, double Ratio)[] noises)
    {
        static double ActiveRms(double[] x)
        {
            var active = x.Where(v => v != 0).ToList();
            return active.Count == 0 ? 0 : Math.Sqrt(active.Average(v => v * v));
        }
        var voiceRms = ActiveRms(voice);
        var mixed = (double[])voice.Clone();
        foreach (var (signal, ratio) in noises)
        {
            var rms = ActiveRms(signal);
            if (rms == 0) continue;
            var gain = ratio * voiceRms / rms;
            for (var n = 0; n < mixed.Length; n++) mixed[n] += gain * signal[n];
        }
        return mixed;
    }

    /// <summary>
    /// Vocal effort as spectral tilt, with unit gain at 0 Hz: a positive pole is a one-pole low-pass
    /// (soft voice, steeper tilt), a negative one a first-order pre-emphasis (pressed voice, flatter tilt).
    /// </summary>
    private static double[] Tilt(double[] signal, double pole)
    {
        var output = new double[signal.Length];
        double state = 0;
        if (pole >= 0)
        {
            for (var n = 0; n < signal.Length; n++) output[n] = state = (1 - pole) * signal[n] + pole * state;
            return output;
        }
        var emphasis = -pole;
        for (var n = 0; n < signal.Length; n++)
        {
            output[n] = (signal[n] - emphasis * state) / (1 - emphasis);
            state = signal[n];
        }
        return output;
    }

    private float[] Normalise(double[] signal, double loudnessDb, Random random)
    {
        var rms = Math.Sqrt(signal.Sum(v => v * v) / Math.Max(1, signal.Length));
        var gain = rms == 0 ? 0 : ReferenceRms * Math.Pow(10, loudnessDb / 20) / rms;
        var peak = signal.Max(Math.Abs) * gain;
        if (peak > 0.95) gain *= 0.95 / peak; // never clip; loud clips stay the loudest
        var result = new float[signal.Length];
        for (var i = 0; i < signal.Length; i++)
            result[i] = (float)(signal[i] * gain + 1e-4 * (2 * random.NextDouble() - 1)); // a faint noise floor, as in any recording
        return result;
    }

    /// <summary>Rosenberg (1971) glottal flow: cosine opening (60% of the open phase), quarter-cosine closing.</summary>
    private static double RosenbergPulse(double phase, double openQuotient)
    {
        var opening = 0.6 * openQuotient;
        var closing = 0.4 * openQuotient;
        if (phase < opening) return 0.5 * (1 - Math.Cos(Math.PI * phase / opening));
        if (phase < opening + closing) return Math.Cos(Math.PI * (phase - opening) / (2 * closing));
        return 0;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private Syllable[] PlanSyllables(double seconds, EmotionProfile emotion, Random random)
    {
        double Between(double low, double high) => low + (high - low) * random.NextDouble();
        var lead = Between(0.08, 0.16);
        var speech = seconds - lead - Between(0.08, 0.16);
        var pause = speech > 1.5 ? Between(0.15, 0.3) : 0; // one phrase break in longer clips
        var count = Math.Max(2, (int)Math.Round((speech - pause) * emotion.SyllablesPerSecond * Between(0.9, 1.1)));
        var durations = Enumerable.Range(0, count).Select(_ => Between(0.75, 1.25)).ToArray();
        var scale = (speech - pause) / durations.Sum();
        var syllables = new Syllable[count];
        var start = lead;
        for (var i = 0; i < count; i++)
        {
            if (i == count / 2) start += pause;
            var duration = durations[i] * scale;
            syllables[i] = new Syllable(start, start + duration, random.Next(Vowels.Length), Accent: Between(-0.3, 1.0),
                ConsonantShare: random.NextDouble() < 0.6 ? Between(0.15, 0.3) : 0);
            start += duration;
        }
        return syllables;
    }

    /// <summary>One syllable: an optional noisy consonant onset, then a voiced vowel nucleus.</summary>
    private sealed record Syllable(double Start, double End, int Vowel, double Accent, double ConsonantShare)
    {
        /// <returns>voicing and frication amplitudes at time t, and the position in the syllable (0-1)</returns>
        public (double Voicing, double Frication, double Position) Envelope(double t)
        {
            if (t < Start || t >= End) return (0, 0, 0);
            var position = (t - Start) / (End - Start);
            if (position < ConsonantShare) return (0, Math.Sin(Math.PI * position / ConsonantShare), position);
            var nucleus = (position - ConsonantShare) / (1 - ConsonantShare);
            return (Math.Pow(Math.Sin(Math.PI * nucleus), 0.6), 0, position);
        }
    }

    /// <summary>Klatt's second-order digital resonators in cascade, each with unit gain at 0 Hz.</summary>
    private sealed class FormantCascade(int count)
    {
        private readonly double[] _a = new double[count], _b = new double[count], _c = new double[count];
        private readonly double[] _y1 = new double[count], _y2 = new double[count];

        public void Tune(double[] frequencies, double[] bandwidths, int sampleRate)
        {
            var nyquist = sampleRate / 2.0;
            for (var k = 0; k < _a.Length; k++)
            {
                var frequency = Math.Min(frequencies[k], 0.9 * nyquist);
                var r = Math.Exp(-Math.PI * bandwidths[k] / sampleRate);
                _c[k] = -r * r;
                _b[k] = 2 * r * Math.Cos(2 * Math.PI * frequency / sampleRate);
                _a[k] = 1 - _b[k] - _c[k];
            }
        }

        public double Process(double x)
        {
            for (var k = 0; k < _a.Length; k++)
            {
                var y = _a[k] * x + _b[k] * _y1[k] + _c[k] * _y2[k];
                _y2[k] = _y1[k];
                _y1[k] = y;
                x = y;
            }
            return x;
        }
    }
}

using System.Numerics.Tensors;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// Subharmonic summation (Hermes 1988) on the octave-scaled spectrum, as openSMILE's cPitchShs: the spectrum is
/// shifted down by log2(h) octaves for h = 2..15 and added with weight 0.85^(h-1); the highest peaks of the sum are
/// the candidates, their voicing 1 - mean/peak. Candidates outside the pitch range are dropped and the best
/// scoring one moves to the front.
/// </summary>
internal sealed class SubharmonicSummationPitch
{
    private readonly EgemapsConfiguration _config;
    private readonly OctaveSpectrumScaler _scaler;
    private readonly double[] _octave;
    private readonly double[] _sum;
    private readonly int[] _shifts;
    private readonly double[] _shiftWeights;

    public SubharmonicSummationPitch(EgemapsConfiguration config, int bins, double binHz)
    {
        _config = config;
        _scaler = new OctaveSpectrumScaler(bins, binHz, config.OctaveScaleMinHz);
        _octave = new double[bins];
        _sum = new double[bins];
        _shifts = new int[config.ShsHarmonics + 1];
        _shiftWeights = new double[config.ShsHarmonics + 1];
        var weight = config.ShsCompression;
        for (var h = 2; h <= config.ShsHarmonics; h++)
        {
            _shifts[h] = (int)Math.Floor(_scaler.PointsPerOctave * Math.Log2(h));
            _shiftWeights[h] = weight;
            weight *= config.ShsCompression;
        }
    }

    public void Detect(ReadOnlySpan<double> magnitude, PitchCandidates candidates)
    {
        candidates.Clear();
        _scaler.Scale(magnitude, _octave);
        var n = _octave.Length;
        Array.Copy(_octave, _sum, n);
        for (var h = 2; h <= _config.ShsHarmonics; h++)
        {
            var shift = _shifts[h];
            if (shift >= n) continue;
            var target = _sum.AsSpan(0, n - shift);
            TensorPrimitives.MultiplyAdd(_octave.AsSpan(shift), _shiftWeights[h], target, target);
        }
        for (var j = 0; j < n; j++)
        {
            _sum[j] /= _config.ShsHarmonics;
            if (_sum[j] < 0) _sum[j] = 0;
        }

        var capacity = candidates.Capacity;
        var found = 0;
        var freq = candidates.Frequency;
        var score = candidates.Score;
        double mean = _sum[0];
        for (var i = 1; i < n - 1; i++)
        {
            if (_sum[i - 1] < _sum[i] && _sum[i] > _sum[i + 1])
            {
                for (var j = 0; j < capacity; j++)
                {
                    if (score[j] == 0.0 || score[j] < _sum[i])
                    {
                        for (var k = capacity - 1; k > j; k--)
                        {
                            score[k] = score[k - 1];
                            freq[k] = freq[k - 1];
                        }
                        freq[j] = i;
                        score[j] = _sum[i];
                        if (found < capacity) found++;
                        break;
                    }
                }
            }
            mean += _sum[i];
        }
        mean = (mean + _sum[n - 1]) / n;

        for (var c = 0; c < found; c++)
        {
            var bin = (int)freq[c];
            var x1 = bin * _scaler.OctaveStep + _scaler.MinOctave;
            var (peakOctave, peakScore) = Parabola.Vertex(x1 - _scaler.OctaveStep, _sum[bin - 1], x1, _sum[bin],
                x1 + _scaler.OctaveStep, _sum[bin + 1]);
            freq[c] = Math.Pow(2.0, peakOctave);
            score[c] = peakScore;
            candidates.Voicing[c] = peakScore > 0 && peakScore > mean ? 1.0 - mean / peakScore : 0.0;
        }

        DropOutOfRange(candidates, found);
        MoveBestScoreToFront(candidates);
    }

    private void DropOutOfRange(PitchCandidates candidates, int found)
    {
        var f = candidates.Frequency; var v = candidates.Voicing; var s = candidates.Score;
        var capacity = candidates.Capacity;
        for (var i = 0; i < capacity && found > 0; i++)
        {
            if (f[i] <= _config.MaxPitchHz && f[i] >= _config.MinPitchHz) continue;
            var original = f[i];
            for (var j = i + 1; j < capacity; j++)
            {
                f[j - 1] = f[j]; v[j - 1] = v[j]; s[j - 1] = s[j];
            }
            f[capacity - 1] = 0; v[capacity - 1] = 0; s[capacity - 1] = 0;
            if (original > 0) { found--; i--; }
        }
    }

    private static void MoveBestScoreToFront(PitchCandidates candidates)
    {
        var s = candidates.Score;
        var best = 0;
        for (var i = 1; i < s.Length; i++)
            if (s[i] > s[best]) best = i;
        if (best == 0) return;
        (candidates.Frequency[0], candidates.Frequency[best]) = (candidates.Frequency[best], candidates.Frequency[0]);
        (candidates.Voicing[0], candidates.Voicing[best]) = (candidates.Voicing[best], candidates.Voicing[0]);
        (s[0], s[best]) = (s[best], s[0]);
    }
}

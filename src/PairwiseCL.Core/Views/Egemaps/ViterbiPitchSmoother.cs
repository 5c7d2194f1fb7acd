namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's cPitchSmootherViterbi over a whole utterance: one state per candidate plus an unvoiced state; local
/// cost from voicing probability, the voicing threshold and a pitch-range weight; transition cost from log pitch
/// jumps. The original's quirks are kept on purpose because the reference outputs carry them: the voiced-voiced
/// smoothness weight equals the jump weight (setWeights copies wTvv), an unvoiced-to-unvoiced transition costs
/// 1, "last change" is shared by every transition evaluated, and paths are decided when they merge or when the
/// 40-frame buffer forces the oldest frame.
/// </summary>
internal sealed class ViterbiPitchSmoother(EgemapsConfiguration config)
{
    private const double WeightLocal = 2.0, WeightJump = 10.0, WeightVoicingChange = 10.0, WeightThreshold = 4.0,
        WeightRange = 1.0, CostUnvoicedToUnvoiced = 1.0, CostEmptyCandidate = 999.0;

    /// <summary>Frequencies [frame, candidate] and voicings; returns the chosen F0 per frame (0 = unvoiced).</summary>
    public double[] Smooth(double[][] frequency, double[][] voicing)
    {
        var frames = frequency.Length;
        var result = new double[frames];
        if (frames == 0) return result;
        var candidates = frequency[0].Length;
        var states = candidates + 1;
        var buffer = config.ViterbiBufferLength;
        var threshold = config.VoicingCutoff;

        var costs = new double[states];
        var newCosts = new double[states];
        var paths = new int[states][];
        var newPaths = new int[states][];
        // Ring buffers of the last `buffer` decisions per path, as in openSMILE (keeps long clips linear in time).
        for (var s = 0; s < states; s++) { paths[s] = new int[buffer]; newPaths[s] = new int[buffer]; }
        var best = new int[frames];
        var lastChange = 1.0;
        long converged = -1;

        for (var t = 0; t < frames; t++)
        {
            if (t == 0)
            {
                for (var s = 0; s < states; s++) { costs[s] = LocalCost(s, t); paths[s][0] = s; }
            }
            else
            {
                for (var i = 0; i < states; i++)
                {
                    var minState = 0;
                    var minCost = Transition(i, 0, t) + costs[0];
                    for (var j = 1; j < states; j++)
                    {
                        var c = Transition(i, j, t) + costs[j];
                        if (c < minCost) { minCost = c; minState = j; }
                    }
                    newCosts[i] = minCost + LocalCost(i, t);
                    Array.Copy(paths[minState], newPaths[i], buffer);
                    newPaths[i][t % buffer] = i;
                }
                (costs, newCosts) = (newCosts, costs);
                (paths, newPaths) = (newPaths, paths);
            }

            var pathLength = t + 1;
            if (pathLength - converged > buffer)
            {
                var minState = 0;
                for (var s = 1; s < states; s++) if (costs[s] < costs[minState]) minState = s;
                converged++;
                best[converged] = paths[minState][converged % buffer];
            }
            else
            {
                for (var n = converged + 1; n < pathLength; n++)
                {
                    var x = paths[0][n % buffer];
                    var match = true;
                    for (var s = 1; s < states && match; s++) match = paths[s][n % buffer] == x;
                    if (!match) break;
                    converged++;
                    best[converged] = x;
                }
            }
        }

        // Flush: the remaining frames follow the cheapest final path.
        var finalState = 0;
        for (var s = 1; s < states; s++) if (costs[s] < costs[finalState]) finalState = s;
        for (var n = converged + 1; n < frames; n++) best[n] = paths[finalState][n % buffer];

        for (var t = 0; t < frames; t++)
            result[t] = best[t] < candidates ? frequency[t][best[t]] : 0.0;
        return result;

        double LocalCost(int state, int t)
        {
            if (state < candidates)
            {
                var pv = Math.Clamp(voicing[t][state], 0.01, 1.0);
                var thresholdCost = pv < threshold ? WeightThreshold : 0.0;
                return (-Math.Log(pv) + thresholdCost) * WeightLocal + RangeWeight(frequency[t][state]) * WeightRange;
            }
            for (var j = 0; j < candidates; j++)
                if (voicing[t][j] >= threshold) return WeightLocal * WeightThreshold;
            return 0.0;
        }

        double Transition(int current, int previous, int t)
        {
            var unvoiced = candidates;
            if (current < unvoiced && previous < unvoiced)
            {
                var f0 = frequency[t - 1][previous];
                var f1 = frequency[t][current];
                if (f0 == 0 || f1 == 0) return CostEmptyCandidate;
                var r = Math.Log(f1 / f0);
                var x = WeightJump * Math.Abs(r) + WeightJump * Math.Abs(r - lastChange);
                lastChange = r;
                return x;
            }
            if (current == unvoiced && previous == unvoiced) return CostUnvoicedToUnvoiced;
            lastChange = 0.0;
            return WeightVoicingChange;
        }
    }

    private static double RangeWeight(double f) => f switch
    {
        > 0 and < 100 => -f / 100.0 + 1.0,
        >= 100 and < 350 => 0.0,
        >= 350 and < 600 => (f - 350.0) / 250.0,
        >= 600 => 1.2,
        _ => 2.0,
    };
}

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's cFunctionalPeaks2 (absolute threshold = 0.1 x range): every local extremum, then removal of
/// extrema that rise or fall less than the threshold, of small minima, and of repeated maxima/minima without the
/// other kind between them. Peaks per second, and rising (minimum to next maximum) and falling (maximum to next
/// minimum, reported positive) slopes per second, including openSMILE's quirks: the stretch after the last
/// extremum to the end of the contour is added with its signed slope, and the standard deviation only covers the
/// slopes between extrema.
/// </summary>
internal static class PeakFunctionals
{
    private sealed class Extremum(int position, double value, bool isMaximum)
    {
        public int Position { get; } = position;
        public double Value { get; } = value;
        public bool IsMaximum { get; } = isMaximum;
    }

    public static PeakStatistics Compute(ReadOnlySpan<double> x, double relativeThreshold, double period)
    {
        var n = x.Length;
        if (n == 0) return new PeakStatistics(0, 0, 0, 0, 0);
        double min = x[0], max = x[0];
        foreach (var v in x) { if (v < min) min = v; if (v > max) max = v; }
        var threshold = relativeThreshold * (max - min);
        var list = new LinkedList<Extremum>();
        for (var i = 2; i < n - 2; i++)
        {
            if (x[i] > x[i - 1] && x[i] > x[i + 1]) list.AddLast(new Extremum(i, x[i], true));
            else if (x[i] < x[i - 1] && x[i] < x[i + 1]) list.AddLast(new Extremum(i, x[i], false));
        }
        RemoveSmallRises(list, x[0], threshold);
        RemoveSmallMinima(list, x[0], threshold);
        RemoveRepeats(list);

        var peaks = list.Count(e => e.IsMaximum);
        var (meanRising, stdRising, meanFalling, stdFalling) = Slopes(list, x, period);
        return new PeakStatistics(peaks / (n * period), meanRising, stdRising, meanFalling, stdFalling);
    }

    private static void RemoveSmallRises(LinkedList<Extremum> list, double first, double threshold)
    {
        double lastValue = first, lastMin = first, lastMax = first;
        var minFlag = false;
        LinkedListNode<Extremum>? lastMaxNode = null;
        var node = list.First;
        while (node is not null)
        {
            var next = node.Next;
            var e = node.Value;
            if (e.IsMaximum)
            {
                if (Math.Abs(e.Value - lastValue) < threshold)
                {
                    if (e.Value - lastMin < threshold) list.Remove(node);
                    else if (e.Value > lastMax * 1.05)
                    {
                        if (lastMaxNode is not null && lastMaxNode.List is not null) list.Remove(lastMaxNode);
                        lastMax = e.Value;
                        lastMaxNode = node;
                        minFlag = false;
                    }
                    else if (minFlag)
                    {
                        lastMax = e.Value;
                        lastMaxNode = node;
                        minFlag = false;
                    }
                    else
                    {
                        list.Remove(node);
                    }
                }
                else
                {
                    minFlag = false;
                    lastMax = e.Value;
                    lastMaxNode = node;
                }
            }
            else if (Math.Abs(e.Value - lastValue) >= threshold)
            {
                minFlag = true;
                lastMin = e.Value;
            }
            lastValue = e.Value;
            node = next;
        }
    }

    private static void RemoveSmallMinima(LinkedList<Extremum> list, double first, double threshold)
    {
        var lastMax = first;
        var node = list.First;
        while (node is not null)
        {
            var next = node.Next;
            if (!node.Value.IsMaximum) { if (lastMax - node.Value.Value < threshold) list.Remove(node); }
            else lastMax = node.Value.Value;
            node = next;
        }
    }

    private static void RemoveRepeats(LinkedList<Extremum> list)
    {
        var minFlag = false;
        var init = true;
        LinkedListNode<Extremum>? lastMinNode = null, lastMaxNode = null;
        var node = list.First;
        while (node is not null)
        {
            var next = node.Next;
            var e = node.Value;
            if (!e.IsMaximum)
            {
                if (!minFlag || init) { lastMinNode = node; minFlag = true; init = false; }
                else if (e.Value >= lastMinNode!.Value.Value) list.Remove(node);
                else { list.Remove(lastMinNode); lastMinNode = node; }
            }
            else
            {
                if (minFlag || init) { lastMaxNode = node; minFlag = false; init = false; }
                else if (e.Value <= lastMaxNode!.Value.Value) list.Remove(node);
                else { list.Remove(lastMaxNode); lastMaxNode = node; }
            }
            node = next;
        }
    }

    private static (double MeanRising, double StdRising, double MeanFalling, double StdFalling) Slopes(
        LinkedList<Extremum> list, ReadOnlySpan<double> x, double period)
    {
        var n = x.Length;
        double rising = 0, falling = 0;
        int risingCount = 0, fallingCount = 0;
        var lastIsMax = -1;
        double lastMax = x[0], lastMin = x[0];
        int lastMaxPos = 0, lastMinPos = 0;
        foreach (var e in list)
        {
            if (!e.IsMaximum)
            {
                lastMin = e.Value; lastMinPos = e.Position;
                if (lastMinPos - lastMaxPos > 0)
                {
                    falling += (lastMax - lastMin) / ((lastMinPos - lastMaxPos) * period);
                    fallingCount++; lastIsMax = 0;
                }
            }
            else
            {
                lastMax = e.Value; lastMaxPos = e.Position;
                if (lastMaxPos - lastMinPos > 0)
                {
                    rising += (lastMax - lastMin) / ((lastMaxPos - lastMinPos) * period);
                    risingCount++; lastIsMax = 1;
                }
            }
        }
        if (lastIsMax == 1 && n - 1 - lastMaxPos > 0)
        {
            falling += (x[n - 1] - lastMax) / ((n - 1 - lastMaxPos) * period);
            fallingCount++;
        }
        else if (lastIsMax == 0 && n - 1 - lastMinPos > 0)
        {
            rising += (x[n - 1] - lastMin) / ((n - 1 - lastMinPos) * period);
            risingCount++;
        }
        else if (lastIsMax == -1)
        {
            var slope = (x[n - 1] - x[0]) / n;
            if (slope > 0) { rising = slope; risingCount = 1; }
            else if (slope < 0) { falling = slope; fallingCount = 1; }
        }
        if (risingCount > 1) rising /= risingCount;
        if (fallingCount > 1) falling /= fallingCount;

        double risingVar = 0, fallingVar = 0;
        lastMax = x[0]; lastMin = x[0]; lastMaxPos = 0; lastMinPos = 0;
        foreach (var e in list)
        {
            if (!e.IsMaximum)
            {
                lastMin = e.Value; lastMinPos = e.Position;
                if (lastMinPos - lastMaxPos > 0)
                {
                    var s = (lastMax - lastMin) / ((lastMinPos - lastMaxPos) * period);
                    fallingVar += (s - falling) * (s - falling);
                }
            }
            else
            {
                lastMax = e.Value; lastMaxPos = e.Position;
                if (lastMaxPos - lastMinPos != 0)
                {
                    var s = (lastMax - lastMin) / ((lastMaxPos - lastMinPos) * period);
                    risingVar += (s - rising) * (s - rising);
                }
            }
        }
        if (risingCount > 1) risingVar /= risingCount;
        if (fallingCount > 1) fallingVar /= fallingCount;
        return (rising, risingVar > 0 ? Math.Sqrt(risingVar) : 0, falling, fallingVar > 0 ? Math.Sqrt(fallingVar) : 0);
    }
}

namespace PairwiseCL.Core.Analysis;

/// <summary>
/// Exact k-nearest-neighbour search in Euclidean space with a vantage-point tree (Yianilos 1993), stored
/// in flat arrays. Each node splits its points at the median distance to a seeded random vantage point.
/// </summary>
internal sealed class VantagePointTree
{
    private readonly double[] _points;
    private readonly int _dimension;
    private readonly int[] _pointOfNode;
    private readonly double[] _radius;
    private readonly int[] _inside;
    private readonly int[] _outside;
    private int _nodeCount;

    /// <param name="points">Row-major, one row of <paramref name="dimension"/> values per point.</param>
    public VantagePointTree(double[] points, int dimension, int seed)
    {
        _points = points;
        _dimension = dimension;
        var count = points.Length / dimension;
        _pointOfNode = new int[count];
        _radius = new double[count];
        _inside = new int[count];
        _outside = new int[count];
        var items = Enumerable.Range(0, count).ToArray();
        Root = Build(items, 0, count, new Random(seed), new double[count]);
    }

    private int Root { get; }

    /// <summary>The k nearest other points of point <paramref name="query"/>, nearest first, with distances.</summary>
    public (int[] Indices, double[] Distances) Nearest(int query, int k)
    {
        var heap = new PriorityQueue<int, double>(k + 1, Comparer<double>.Create((a, b) => b.CompareTo(a)));
        var tau = double.MaxValue;
        Search(Root, query, k, heap, ref tau);

        var indices = new int[heap.Count];
        var distances = new double[heap.Count];
        for (var i = heap.Count - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var index, out var distance);
            indices[i] = index;
            distances[i] = distance;
        }
        return (indices, distances);
    }

    internal double Distance(int a, int b)
    {
        double sum = 0;
        int ra = a * _dimension, rb = b * _dimension;
        for (var d = 0; d < _dimension; d++)
        {
            var diff = _points[ra + d] - _points[rb + d];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }

    private int Build(int[] items, int lower, int upper, Random random, double[] scratch)
    {
        if (upper == lower) return -1;
        var node = _nodeCount++;
        var pick = random.Next(lower, upper);
        (items[lower], items[pick]) = (items[pick], items[lower]);
        var vantage = items[lower];
        _pointOfNode[node] = vantage;
        _inside[node] = _outside[node] = -1;
        if (upper - lower == 1) return node;

        // Sorting the rest by distance puts the nearer half first; the median distance is the radius.
        var length = upper - lower - 1;
        for (var i = lower + 1; i < upper; i++) scratch[i] = Distance(vantage, items[i]);
        Array.Sort(scratch, items, lower + 1, length);
        var median = lower + 1 + length / 2;
        _radius[node] = scratch[median];
        _inside[node] = Build(items, lower + 1, median, random, scratch);
        _outside[node] = Build(items, median, upper, random, scratch);
        return node;
    }

    private void Search(int node, int query, int k, PriorityQueue<int, double> heap, ref double tau)
    {
        if (node < 0) return;
        var point = _pointOfNode[node];
        var distance = Distance(point, query);
        if (point != query && distance < tau)
        {
            heap.Enqueue(point, distance);
            if (heap.Count > k) heap.Dequeue();
            if (heap.Count == k) heap.TryPeek(out _, out tau);
        }

        var radius = _radius[node];
        if (distance < radius)
        {
            if (distance - tau <= radius) Search(_inside[node], query, k, heap, ref tau);
            if (distance + tau >= radius) Search(_outside[node], query, k, heap, ref tau);
        }
        else
        {
            if (distance + tau >= radius) Search(_outside[node], query, k, heap, ref tau);
            if (distance - tau <= radius) Search(_inside[node], query, k, heap, ref tau);
        }
    }
}

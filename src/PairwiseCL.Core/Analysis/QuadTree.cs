namespace PairwiseCL.Core.Analysis;

/// <summary>
/// A 2-D Barnes-Hut quadtree over the current map, stored in flat arrays: every cell keeps how many
/// points it holds and their summed coordinates, so a distant cell acts as one point at its centre of
/// mass. Points that coincide (or cells below the depth limit) share a leaf.
/// </summary>
internal sealed class QuadTree
{
    private const int MaxDepth = 48;

    private double[] _centreX = new double[64], _centreY = new double[64], _halfWidth = new double[64];
    private double[] _sumX = new double[64], _sumY = new double[64];
    private int[] _count = new int[64], _firstChild = new int[64];
    private readonly double[] _massX, _massY;
    private int _nodes;

    /// <param name="map">Row-major (x, y) pairs.</param>
    public QuadTree(double[] map)
    {
        var n = map.Length / 2;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, map[2 * i]); maxX = Math.Max(maxX, map[2 * i]);
            minY = Math.Min(minY, map[2 * i + 1]); maxY = Math.Max(maxY, map[2 * i + 1]);
        }
        var half = Math.Max(Math.Max(maxX - minX, maxY - minY) / 2 * (1 + 1e-9), 1e-12);
        NewNode((minX + maxX) / 2, (minY + maxY) / 2, half);
        for (var i = 0; i < n; i++) Insert(map[2 * i], map[2 * i + 1]);

        // Centres of mass once, not at every visit of every traversal.
        _massX = new double[_nodes];
        _massY = new double[_nodes];
        for (var node = 0; node < _nodes; node++)
        {
            if (_count[node] == 0) continue;
            _massX[node] = _sumX[node] / _count[node];
            _massY[node] = _sumY[node] / _count[node];
        }
    }

    /// <summary>Depth-first traversal needs at most 3 pending cells per level plus the root.</summary>
    public static int StackSize => 3 * (MaxDepth + 2) + 1;

    /// <summary>
    /// Repulsive force on a point at (x, y) before normalisation: Σ q²(y_i - y_j) with q = 1 / (1 + d²),
    /// and its contribution Σ q to the normaliser Z (the point itself excluded).
    /// </summary>
    public (double ForceX, double ForceY, double Z) Repulsion(double x, double y, double theta, int[] stack)
    {
        double forceX = 0, forceY = 0, z = 0;
        var thetaSquared = theta * theta;
        var top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            var node = stack[--top];
            var count = _count[node];
            var dx = x - _massX[node];
            var dy = y - _massY[node];
            var distanceSquared = dx * dx + dy * dy;
            var isLeaf = _firstChild[node] < 0;
            var width = 2 * _halfWidth[node];
            if (isLeaf || width * width < thetaSquared * distanceSquared)
            {
                if (distanceSquared == 0)
                {
                    // The point's own leaf: its duplicates add q = 1 each to Z and no force.
                    z += count - 1;
                    continue;
                }
                var q = 1 / (1 + distanceSquared);
                z += count * q;
                var scaled = count * q * q;
                forceX += scaled * dx;
                forceY += scaled * dy;
                continue;
            }
            var first = _firstChild[node];
            for (var c = first; c < first + 4; c++)
                if (_count[c] > 0) stack[top++] = c;
        }
        return (forceX, forceY, z);
    }

    private void Insert(double x, double y)
    {
        var node = 0;
        for (var depth = 0; ; depth++)
        {
            if (_firstChild[node] < 0)
            {
                if (_count[node] == 0 || depth >= MaxDepth || SamePosition(node, x, y))
                {
                    AddMass(node, x, y);
                    return;
                }
                Split(node);
            }
            AddMass(node, x, y);
            node = ChildFor(node, x, y);
        }
    }

    private bool SamePosition(int leaf, double x, double y) =>
        _sumX[leaf] / _count[leaf] == x && _sumY[leaf] / _count[leaf] == y;

    private void Split(int node)
    {
        var half = _halfWidth[node] / 2;
        double cx = _centreX[node], cy = _centreY[node];
        var first = NewNode(cx - half, cy - half, half);
        NewNode(cx + half, cy - half, half);
        NewNode(cx - half, cy + half, half);
        NewNode(cx + half, cy + half, half);
        _firstChild[node] = first;

        // The leaf's points (all at one position) move down together.
        var count = _count[node];
        var px = _sumX[node] / count;
        var py = _sumY[node] / count;
        var child = ChildFor(node, px, py);
        _count[child] = count;
        _sumX[child] = _sumX[node];
        _sumY[child] = _sumY[node];
    }

    private int ChildFor(int node, double x, double y) =>
        _firstChild[node] + (x >= _centreX[node] ? 1 : 0) + (y >= _centreY[node] ? 2 : 0);

    private void AddMass(int node, double x, double y)
    {
        _count[node]++;
        _sumX[node] += x;
        _sumY[node] += y;
    }

    private int NewNode(double centreX, double centreY, double halfWidth)
    {
        if (_nodes == _count.Length) Grow();
        var node = _nodes++;
        _centreX[node] = centreX;
        _centreY[node] = centreY;
        _halfWidth[node] = halfWidth;
        _sumX[node] = _sumY[node] = 0;
        _count[node] = 0;
        _firstChild[node] = -1;
        return node;
    }

    private void Grow()
    {
        var size = _count.Length * 2;
        Array.Resize(ref _centreX, size);
        Array.Resize(ref _centreY, size);
        Array.Resize(ref _halfWidth, size);
        Array.Resize(ref _sumX, size);
        Array.Resize(ref _sumY, size);
        Array.Resize(ref _count, size);
        Array.Resize(ref _firstChild, size);
    }
}

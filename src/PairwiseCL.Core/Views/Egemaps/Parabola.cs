namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>Vertex of the parabola through three points (openSMILE's quadFrom3pts), used to refine peaks.</summary>
internal static class Parabola
{
    public static (double X, double Y) Vertex(double x0, double y0, double x1, double y1, double x2, double y2)
    {
        var denominator = (x0 - x1) * (x0 - x2) * (x1 - x2);
        if (denominator == 0) return HighestPoint(x0, y0, x1, y1, x2, y2);
        var a = (x2 * (y1 - y0) + x1 * (y0 - y2) + x0 * (y2 - y1)) / denominator;
        var b = (x2 * x2 * (y0 - y1) + x1 * x1 * (y2 - y0) + x0 * x0 * (y1 - y2)) / denominator;
        var c = (x1 * x2 * (x1 - x2) * y0 + x2 * x0 * (x2 - x0) * y1 + x0 * x1 * (x0 - x1) * y2) / denominator;
        if (a == 0) return HighestPoint(x0, y0, x1, y1, x2, y2);
        var x = -b / (2 * a);
        return (x, c - a * x * x);
    }

    /// <summary>openSMILE's fallback when no parabola fits: the strictly highest point, else the first.</summary>
    private static (double X, double Y) HighestPoint(double x0, double y0, double x1, double y1, double x2, double y2)
    {
        if (y0 > y1 && y0 > y2) return (x0, y0);
        if (y1 > y0 && y1 > y2) return (x1, y1);
        if (y2 > y0 && y2 > y1) return (x2, y2);
        return (x0, y0);
    }
}

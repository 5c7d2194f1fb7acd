using System.Globalization;

namespace PairwiseCL.Core.Tests.TestSupport;

/// <summary>Reads the reference folders' header-less numeric CSV files.</summary>
public static class CsvMatrix
{
    public static double[,] Read(string path)
    {
        var rows = File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var matrix = new double[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        for (var c = 0; c < rows[r].Length; c++)
            matrix[r, c] = rows[r][c];
        return matrix;
    }

    public static double[,] Transpose(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (var r = 0; r < m.GetLength(0); r++)
        for (var c = 0; c < m.GetLength(1); c++)
            t[c, r] = m[r, c];
        return t;
    }
}

using System.Globalization;

namespace PairwiseCL.Core.Analysis;

/// <summary>Header-less numeric CSV files (one row per line), as the reference data folders hold them.</summary>
public static class NumericCsv
{
    public static double[,] ReadMatrix(string path)
    {
        var rows = File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select((line, number) => ParseRow(line, number, path))
            .ToArray();
        if (rows.Length == 0) throw new FormatException($"{path} holds no rows.");
        var matrix = new double[rows.Length, rows[0].Length];
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != rows[0].Length)
                throw new FormatException($"{path}: row {r + 1} has {rows[r].Length} values, row 1 has {rows[0].Length}.");
            for (var c = 0; c < rows[r].Length; c++) matrix[r, c] = rows[r][c];
        }
        return matrix;
    }

    public static int[] ReadLabels(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0)
            .Select(line => int.Parse(line.Trim(), CultureInfo.InvariantCulture)).ToArray();

    private static double[] ParseRow(string line, int number, string path) =>
        line.Split(',').Select(value => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException($"{path}: line {number + 1} holds '{value}', not a number.")).ToArray();
}

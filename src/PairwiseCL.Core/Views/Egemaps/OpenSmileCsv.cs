using System.Globalization;
using System.Text;

namespace PairwiseCL.Core.Views.Egemaps;

/// <summary>
/// openSMILE's CSV layout: ';'-separated, header "name;frameTime;feature...", the name in single quotes, numbers
/// in %e notation. Reads both openSMILE's files and ours.
/// </summary>
public static class OpenSmileCsv
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteFunctionals(string path, IReadOnlyList<string> names, IReadOnlyList<float[]> rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("name;frameTime;" + string.Join(';', EgemapsFeatureNames.Functionals));
        for (var i = 0; i < rows.Count; i++)
            WriteRow(writer, names[i], 0.0, rows[i]);
    }

    public static void WriteLowLevelDescriptors(string path, string name, EgemapsLldTable table)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("name;frameTime;" + string.Join(';', EgemapsFeatureNames.LowLevelDescriptors));
        for (var t = 0; t < table.Frames; t++)
            WriteRow(writer, name, t * table.FrameStepSeconds, table.Row(t));
    }

    private static void WriteRow(StreamWriter writer, string name, double time, ReadOnlySpan<float> values)
    {
        var line = new StringBuilder();
        line.Append('\'').Append(name).Append("';").Append(time.ToString("F6", Invariant));
        foreach (var v in values) line.Append(';').Append(v.ToString("0.000000e+00", Invariant));
        writer.WriteLine(line);
    }

    /// <summary>Reads a table: column names after name;frameTime, and one (name, values) row per line.</summary>
    public static OpenSmileTable Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"openSMILE CSV not found: {path}", path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        var columns = header.Split(';');
        if (columns.Length < 3 || columns[0] != "name" || columns[1] != "frameTime")
            throw new InvalidDataException($"{path} does not start with the openSMILE header 'name;frameTime;...'.");
        var rows = new List<(string Name, double[] Values)>();
        string? line;
        var lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(';');
            if (cells.Length != columns.Length)
                throw new InvalidDataException($"{path}:{lineNumber} has {cells.Length} cells, the header {columns.Length}.");
            var values = new double[cells.Length - 2];
            for (var j = 2; j < cells.Length; j++)
                if (!double.TryParse(cells[j], NumberStyles.Float, Invariant, out values[j - 2]))
                    throw new InvalidDataException($"{path}:{lineNumber} column {columns[j]} is not a number: '{cells[j]}'.");
            rows.Add((cells[0].Trim('\'', '"'), values));
        }
        return new OpenSmileTable(columns[2..], rows);
    }
}

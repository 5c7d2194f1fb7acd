using System.Globalization;
using System.Text;

namespace PairwiseCL.Core.Reports;

/// <summary>A small table rendered both as Markdown (for reading) and CSV (for scripts).</summary>
public sealed record ReportTable(string Name, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"**{Caption}**").AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => " --- |")));
        foreach (var row in Rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        return text.ToString();
    }

    public string ToCsv()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Headers.Select(Csv.Escape)));
        foreach (var row in Rows) text.AppendLine(string.Join(",", row.Select(Csv.Escape)));
        return text.ToString();
    }

    public static string Number(double value, int digits = 4) =>
        double.IsNaN(value) ? "" : value.ToString("F" + digits, CultureInfo.InvariantCulture);
}

internal static class Csv
{
    public static string Escape(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
}

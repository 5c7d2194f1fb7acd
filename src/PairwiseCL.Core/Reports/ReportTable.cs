using System.Globalization;
using System.Text;

namespace PairwiseCL.Core.Reports;

/// <summary>A small table rendered both as Markdown (for reading) and CSV (for scripts).</summary>
public sealed record ReportTable(string Name, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"**{MarkdownText.Escape(Caption)}**").AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers.Select(MarkdownText.Escape)) + " |");
        text.AppendLine("|" + string.Concat(Headers.Select(_ => " --- |")));
        foreach (var row in Rows) text.AppendLine("| " + string.Join(" | ", row.Select(MarkdownText.Escape)) + " |");
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

/// <summary>
/// The one place CSV cells are written (report tables, summary.csv, runs.csv and every chart's CSV
/// download). Cells holding user text (class names, sessions, ids) are neutralised as OWASP recommends
/// for spreadsheet formulas: a cell starting with = + - @, tab or CR that is not a plain number gets a
/// leading apostrophe, so Excel or LibreOffice shows it as text instead of evaluating it.
/// </summary>
internal static class Csv
{
    public static string Escape(string value)
    {
        if (IsFormula(value)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r', '\t']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    // A negative number ("-0.25", "-1E-05") starts with '-' but is data, and stays as it is.
    private static bool IsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}

/// <summary>
/// User text in report.md (titles, class names, table cells): HTML is escaped, so a Markdown viewer that
/// renders inline HTML shows it as text, and '|' cannot split a table row.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("|", "\\|");
}

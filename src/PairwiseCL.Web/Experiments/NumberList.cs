using System.Globalization;

namespace PairwiseCL.Web.Experiments;

/// <summary>Comma-separated numbers as the form shows and reads them ("2, 5, 10").</summary>
public static class NumberList
{
    public static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)));

    /// <summary>The numbers of <paramref name="text"/>, or null with a message naming <paramref name="field"/> and the bad item.</summary>
    public static List<double>? Parse(string? text, string field, List<string> problems)
    {
        var values = new List<double>();
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                problems.Add($"{field}: '{item}' is not a number.");
                return null;
            }
            values.Add(value);
        }
        if (values.Count == 0) problems.Add($"{field}: give at least one number.");
        return values.Count == 0 ? null : values;
    }
}

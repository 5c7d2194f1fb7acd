using System.Text.Json;

namespace PairwiseCL.Core.Performance;

/// <summary>
/// One measured figure of `pairwisecl bench`: ours, and the reference's measured in the same run when it is
/// installed (null otherwise, with a note saying why). Ratio: reference / ours for times (above 1: ours faster).
/// </summary>
public sealed record BenchFigure(string Section, string Name, string Unit, double Ours, string ReferenceName, double? Reference, string? Note = null)
{
    public double? Ratio => Reference is { } r && Ours > 0 ? r / Ours : null;
}

/// <summary>All figures of one bench run: printed as one table with ratios, and written as JSON to compare commits.</summary>
public sealed class BenchFigures
{
    private readonly List<BenchFigure> _figures = [];

    public IReadOnlyList<BenchFigure> All => _figures;

    public void Add(BenchFigure figure) => _figures.Add(figure);

    public void WriteJson(string path, IReadOnlyDictionary<string, string> machine)
    {
        var document = new
        {
            machine,
            figures = _figures.Select(f => new
            {
                section = f.Section, name = f.Name, unit = f.Unit, ours = f.Ours,
                reference_name = f.ReferenceName, reference = f.Reference, ratio = f.Ratio, note = f.Note,
            }),
        };
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }
}

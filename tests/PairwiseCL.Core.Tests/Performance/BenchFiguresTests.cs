using System.Text.Json;
using PairwiseCL.Core.Performance;

namespace PairwiseCL.Core.Tests.Performance;

public sealed class BenchFiguresTests
{
    [Fact]
    public void TheJsonHoldsEveryFigureWithItsRatioOrTheReasonItHasNone()
    {
        var figures = new BenchFigures();
        figures.Add(new BenchFigure("egemaps", "188 clips, CPU", "CPU s", 3.0, "SMILExtract", 7.5));
        figures.Add(new BenchFigure("tsne", "digits", "wall s", 7.0, "scikit-learn", null, "python3 without sklearn"));
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}", "figures.json");
        try
        {
            figures.WriteJson(path, new Dictionary<string, string> { ["cores"] = "2" });

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("2", json.RootElement.GetProperty("machine").GetProperty("cores").GetString());
            var rows = json.RootElement.GetProperty("figures").EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(2.5, rows[0].GetProperty("ratio").GetDouble(), 12);
            Assert.Equal(7.5, rows[0].GetProperty("reference").GetDouble());
            Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("ratio").ValueKind);
            Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("reference").ValueKind);
            Assert.Equal("python3 without sklearn", rows[1].GetProperty("note").GetString());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}

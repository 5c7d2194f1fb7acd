using PairwiseCL.Core.Views.Egemaps;

namespace PairwiseCL.Core.Tests.Views;

public sealed class EgemapsCsvTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("egemaps-csv-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FunctionalsWrittenInOpenSmilesLayoutReadBackUnchanged()
    {
        var path = Path.Combine(_folder, "f.csv");
        var rows = new[] { Enumerable.Range(0, 88).Select(i => i * 0.5f - 3f).ToArray(), Enumerable.Repeat(1.25e-5f, 88).ToArray() };
        OpenSmileCsv.WriteFunctionals(path, ["a01", "b02"], rows);

        var lines = File.ReadAllLines(path);
        Assert.StartsWith("name;frameTime;F0semitoneFrom27.5Hz_sma3nz_amean;", lines[0]);
        Assert.StartsWith("'a01';0.000000;-3.000000e+00;", lines[1]);
        var table = OpenSmileCsv.Read(path);
        Assert.Equal(EgemapsFeatureNames.Functionals, table.Columns);
        Assert.Equal(["a01", "b02"], table.Rows.Select(r => r.Name));
        Assert.Equal(rows[0].Select(v => (double)v), table.Rows[0].Values);
    }

    [Fact]
    public void ParityOfATableWithItselfIsPerfect()
    {
        var path = Path.Combine(_folder, "f.csv");
        var random = new Random(3);
        var rows = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, 88).Select(_ => (float)random.NextDouble()).ToArray()).ToList();
        OpenSmileCsv.WriteFunctionals(path, ["u1", "u2", "u3", "u4", "u5"], rows);
        var table = OpenSmileCsv.Read(path);
        var parity = EgemapsParity.Compare(table, table);
        Assert.Equal(88, parity.Count);
        Assert.All(parity, p => { Assert.Equal(1.0, p.PearsonR, 9); Assert.Equal(0.0, p.MedianRelativeDifference); });
    }

    [Fact]
    public void AMalformedRowIsReportedWithItsLine()
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(path, ["name;frameTime;x", "'u';0;1.0", "'v';0;oops"]);
        var error = Assert.Throws<InvalidDataException>(() => OpenSmileCsv.Read(path));
        Assert.Contains(":3", error.Message);
    }
}

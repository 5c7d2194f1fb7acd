using PairwiseCL.Core.Analysis;

namespace PairwiseCL.Core.Tests.Analysis;

public sealed class NumericCsvTests
{
    [Fact]
    public void ReadsRowsOfInvariantCultureNumbers()
    {
        using var file = new TempCsv("1,2.5,-3e-2\n4,5,6\n");
        var m = NumericCsv.ReadMatrix(file.Path);
        Assert.Equal(new double[,] { { 1, 2.5, -0.03 }, { 4, 5, 6 } }, m);
    }

    [Fact]
    public void NamesTheLineOfAValueThatIsNotANumber()
    {
        using var file = new TempCsv("1,2\n3,x\n");
        var error = Assert.Throws<FormatException>(() => NumericCsv.ReadMatrix(file.Path));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void RejectsRaggedRows()
    {
        using var file = new TempCsv("1,2\n3\n");
        var error = Assert.Throws<FormatException>(() => NumericCsv.ReadMatrix(file.Path));
        Assert.Contains("row 2 has 1 values", error.Message);
    }

    private sealed class TempCsv : IDisposable
    {
        public TempCsv(string text) => File.WriteAllText(Path, text);

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"numeric-csv-{Guid.NewGuid():N}.csv");

        public void Dispose() => File.Delete(Path);
    }
}

using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Core.Tests.Reports;

/// <summary>
/// Class names, sessions and ids are anyone's text: in CSV a cell that a spreadsheet would evaluate as a
/// formula is neutralised (OWASP: leading apostrophe), numbers stay numbers; in report.md HTML is escaped.
/// </summary>
public sealed class ReportInjectionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("pwcl-injection-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("-1E-05", "-1E-05")]
    [InlineData("anger", "anger")]
    public void ACsvCell_ThatASpreadsheetWouldEvaluate_IsWrittenAsText(string cell, string written)
    {
        var table = new ReportTable("t", "", ["label"], [[cell]]);

        Assert.Equal("label" + Environment.NewLine + written + Environment.NewLine, table.ToCsv());
    }

    [Fact]
    public void RunsCsvAndReportMarkdown_NeutraliseHostileSessionsAndClassNames()
    {
        var content = ReportWriterTests.SampleContent();
        var runs = content.Runs.Select((r, i) => i == 0 ? r with { TestSession = "=HYPERLINK(\"http://evil.example\")" } : r).ToList();
        ReportWriter.Write(content with { Runs = runs, ClassNames = ["<img src=x onerror=alert(1)>", "a|b"], Title = "<script>x</script>" }, folder);

        var runsCsv = File.ReadAllLines(Path.Combine(folder, "runs.csv"));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", runsCsv[1]);
        Assert.DoesNotContain(runsCsv, line => line.Split(',').Any(cell => cell.StartsWith('=')));
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("# &lt;script&gt;x&lt;/script&gt;", markdown);
        Assert.Contains("classes: &lt;img src=x onerror=alert(1)&gt;, a\\|b.", markdown);
        Assert.DoesNotContain("<img", markdown);
        Assert.DoesNotContain("<script", markdown);
    }
}

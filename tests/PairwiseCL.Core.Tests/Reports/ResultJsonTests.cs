using System.Text.Json;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Core.Tests.Reports;

/// <summary>
/// Result files are read by a lab's own scripts (Python's json, jq), which reject NaN: a not-applicable number
/// (an undefined PWCCA, a single run's interval) is written as null, and reports written before that, with
/// .NET's "NaN" strings, still open.
/// </summary>
public sealed class ResultJsonTests
{
    [Fact]
    public void NonFiniteNumbers_AreWrittenAsNull_AndReadBackAsNaN()
    {
        var content = ReportWriterTests.SampleContent() with
        {
            Pwcca = [new PwccaRow("mel", "egemaps", "pre-trained", double.NaN, double.PositiveInfinity)],
        };

        var json = JsonSerializer.Serialize(content, ResultJson.Compact);
        var back = JsonSerializer.Deserialize<ReportContent>(json, ResultJson.Compact)!;

        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        Assert.Contains("\"Pwcca\":null,\"RandomBaseline\":null", json);
        Assert.True(double.IsNaN(back.Pwcca[0].Pwcca));
        Assert.True(double.IsNaN(back.Pwcca[0].RandomBaseline));
        Assert.Equal(content.Runs[0].Uar, back.Runs[0].Uar);
    }

    [Fact]
    public void AnOlderReportWithNamedLiterals_StillReads()
    {
        var back = JsonSerializer.Deserialize<PwccaRow>(
            """{"ViewA":"mel","ViewB":"egemaps","Encoders":"random","Pwcca":"NaN","RandomBaseline":0.25}""", ResultJson.Compact)!;

        Assert.True(double.IsNaN(back.Pwcca));
        Assert.Equal(0.25, back.RandomBaseline);
    }

    [Fact]
    public void AStringThatIsNotANumber_IsRefused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PwccaRow>(
            """{"ViewA":"mel","ViewB":"egemaps","Encoders":"random","Pwcca":"0.5; rm -rf","RandomBaseline":0.25}""", ResultJson.Compact));
    }

    [Fact]
    public void TheReportFolder_HoldsNoNaN()
    {
        var folder = Directory.CreateTempSubdirectory("pwcl-resultjson-").FullName;
        try
        {
            var content = ReportWriterTests.SampleContent();
            // A class absent from a test session has no recall (NaN), and PWCCA may be undefined.
            var runs = content.Runs.Select((r, i) => i == 0 ? r with { PerClassRecall = [double.NaN, 0.75] } : r).ToList();
            ReportWriter.Write(content with { Runs = runs, Pwcca = [new PwccaRow("mel", "egemaps", "random init", double.NaN, 0.1)] }, folder);

            foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                Assert.DoesNotContain("NaN", text);
                using var _ = JsonDocument.Parse(text); // strict JSON, as Python's json.loads with parse_constant refusing would read it
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

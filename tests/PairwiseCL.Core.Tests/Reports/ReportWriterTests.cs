using System.Globalization;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;

namespace PairwiseCL.Core.Tests.Reports;

public sealed class ReportWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pwcl-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ReportFolderHoldsSummaryRunsTablesAndFigures()
    {
        var content = SampleContent();
        var written = ReportWriter.Write(content, _folder);

        var summary = File.ReadAllLines(Path.Combine(_folder, "summary.csv"));
        Assert.Equal("view,method,fraction,uar_mean,uar_ci95,wa_mean,wa_ci95,runs,p_value_vs_supervised", summary[0]);
        Assert.Equal(1 + 2 * 3 * 2, summary.Length); // 2 views x 3 methods x 2 fractions
        var tuned = summary.Single(l => l.StartsWith("mel,pairwise-tuned,10,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(0.6 + 0.01 * 2, double.Parse(tuned[3], CultureInfo.InvariantCulture), 9); // mean of 0.6 + 0.01 * repeat, repeats 0..4
        Assert.Equal("10", tuned[7]);
        Assert.True(double.Parse(tuned[8], CultureInfo.InvariantCulture) < 0.05);

        Assert.Equal(1 + content.Runs.Count, File.ReadAllLines(Path.Combine(_folder, "runs.csv")).Length);
        foreach (var table in new[] { "table1_temperature", "table2_frozen_vs_tuned", "table3_pwcca", "table4_average_ranks", "table5_parameters" })
        {
            Assert.Contains(Path.Combine("tables", table + ".md"), written);
            Assert.Contains(Path.Combine("tables", table + ".csv"), written);
        }
        var ranks = File.ReadAllLines(Path.Combine(_folder, "tables", "table4_average_ranks.csv"));
        Assert.StartsWith("pairwise-tuned,", ranks[1], StringComparison.Ordinal); // best method everywhere ranks first

        foreach (var figure in new[] { "uar_vs_fraction_mel.png", "uar_vs_fraction_egemaps.png", "tsne_mel.png", "loss_curves.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(_folder, "figures", figure));
            Assert.True(bytes.Length > 5_000, $"{figure} is only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        var markdown = File.ReadAllText(Path.Combine(_folder, "report.md"));
        Assert.Contains("figures/uar_vs_fraction_mel.png", markdown);
        Assert.Contains("Table 4", markdown);
    }

    public static ReportContent SampleContent()
    {
        var runs = new List<RunResult>();
        foreach (var view in new[] { "mel", "egemaps" })
        foreach (var fraction in new[] { 10.0, 100.0 })
        foreach (var method in MethodNames.All)
        foreach (var fold in new[] { 0, 1 })
        for (var repeat = 0; repeat < 5; repeat++)
        {
            var uar = method switch { MethodNames.Supervised => 0.4, MethodNames.PairwiseFrozen => 0.5, _ => 0.6 } + 0.01 * repeat + (fraction == 100 ? 0.1 : 0);
            runs.Add(new RunResult(view, method, fraction, fold, fold == 0 ? "03" : "08", repeat, 100 * fold + repeat, 0.5,
                method == MethodNames.Supervised ? "none" : "all", 20, 40, uar, uar + 0.02, [[3, 1], [1, 3]], [0.75, 0.75], 12, uar, 0.5));
        }
        var random = new Random(1);
        var labels = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "anger" : "sadness").ToArray();
        var embeddings = new[] { "pre-trained", "supervised", "random init" }.Select(state => new EmbeddingPlot("mel", state,
            labels.Select(l => (l == "anger" ? 3.0 : -3.0) + random.NextDouble()).ToArray(),
            labels.Select(_ => random.NextDouble() * 4).ToArray(), labels, labels.Select((_, i) => $"u{i}").ToArray())).ToList();
        return new ReportContent("Sample protocol", "{}", ["anger", "sadness"], runs,
            [new PwccaRow("mel", "egemaps", "pre-trained", 0.41, 0.12)],
            [new ParameterRow("mel, tuned", 0, 12_345), new ParameterRow("wav2vec2, frozen", 94_400_000, 33_000)],
            embeddings,
            [new LossCurve("pre-training", [3.0, 2.5, 2.1], [3.1, 2.7, 2.4])],
            TimeSpan.FromSeconds(42));
    }
}

using System.Text;
using System.Text.Json;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Models;

namespace PairwiseCL.Core.Reports;

/// <summary>
/// Writes a protocol's results as a report folder: summary.csv (one row per view, method and fraction),
/// runs.csv and runs.json (every run), configuration.json, the paper's tables (Markdown and CSV under
/// tables/), its figures (PNG under figures/) and report.md, which puts them together.
/// </summary>
public static class ReportWriter
{
    public const string SummaryHeader = "view,method,fraction,uar_mean,uar_ci95,wa_mean,wa_ci95,runs,p_value_vs_supervised";

    private static JsonSerializerOptions Json => ResultJson.Indented;

    /// <returns>The files written, relative to <paramref name="folder"/>.</returns>
    public static IReadOnlyList<string> Write(ReportContent content, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "tables"));
        Directory.CreateDirectory(Path.Combine(folder, "figures"));
        var written = new List<string>();
        void Text(string relative, string text)
        {
            File.WriteAllText(Path.Combine(folder, relative), text);
            written.Add(relative);
        }

        var summary = ResultSummary.Summarise(content.Runs);
        Text("summary.csv", SummaryCsv(summary));
        Text("runs.csv", RunsCsv(content.Runs));
        Text("runs.json", JsonSerializer.Serialize(content.Runs, Json));
        Text("configuration.json", content.ConfigurationJson);

        var tables = new[]
        {
            PaperTables.Temperatures(content.Runs), PaperTables.FrozenVersusTuned(summary), PaperTables.Pwcca(content.Pwcca),
            PaperTables.AverageRanks(summary), PaperTables.Parameters(content.Parameters), PaperTables.OutOfDistribution(content.Runs),
        };
        foreach (var table in tables)
        {
            Text(Path.Combine("tables", table.Name + ".md"), table.ToMarkdown());
            Text(Path.Combine("tables", table.Name + ".csv"), table.ToCsv());
        }

        var figures = new List<string>();
        foreach (var view in summary.Select(r => r.View).Distinct())
        {
            var relative = Path.Combine("figures", $"uar_vs_fraction_{view}.png");
            PaperFigures.UarVersusFraction(summary, view, content.ClassNames.Count, Path.Combine(folder, relative));
            figures.Add(relative);
        }
        foreach (var group in content.Embeddings.GroupBy(e => e.View))
        {
            var relative = Path.Combine("figures", $"tsne_{group.Key}.png");
            PaperFigures.EmbeddingGrid(group.ToList(), content.ClassNames, Path.Combine(folder, relative));
            figures.Add(relative);
        }
        if (content.LossCurves.Count > 0)
        {
            var relative = Path.Combine("figures", "loss_curves.png");
            PaperFigures.LossCurves(content.LossCurves, Path.Combine(folder, relative));
            figures.Add(relative);
        }
        written.AddRange(figures);

        foreach (var model in content.Models ?? [])
        foreach (var file in ModelFiles.Files)
        {
            var relative = Path.Combine(ModelFolder(model.Configuration.Name), file);
            Directory.CreateDirectory(Path.Combine(folder, ModelFolder(model.Configuration.Name)));
            File.Copy(Path.Combine(model.Folder, file), Path.Combine(folder, relative), overwrite: true);
            written.Add(relative);
        }

        Text("report.md", Markdown(content, summary, tables, figures));
        return written;
    }

    /// <summary>Where a saved model's files go in the report folder, relative to it: models/{name}.</summary>
    public static string ModelFolder(string modelName) => Path.Combine("models", modelName);

    public static string SummaryCsv(IReadOnlyList<SummaryRow> summary)
    {
        var text = new StringBuilder().AppendLine(SummaryHeader);
        foreach (var r in summary)
            text.AppendLine(string.Join(",", Csv.Escape(r.View), Csv.Escape(r.Method), Csv.Number(r.FractionPercent),
                Csv.Number(r.UarMean), Csv.Number(r.UarCi95), Csv.Number(r.WaMean), Csv.Number(r.WaCi95),
                r.Runs, Csv.Number(r.PValueVsSupervised)));
        return text.ToString();
    }

    private static string RunsCsv(IReadOnlyList<RunResult> runs)
    {
        var text = new StringBuilder().AppendLine(
            "view,method,fraction,fold,test_session,repeat,seed,temperature,pretraining_set,train_utterances,test_utterances,uar,wa,epochs,best_validation_uar,training_seconds");
        foreach (var r in runs)
            text.AppendLine(string.Join(",", Csv.Escape(r.View), Csv.Escape(r.Method), Csv.Number(r.FractionPercent), r.Fold,
                Csv.Escape(r.TestSession), r.Repeat, r.Seed, Csv.Number(r.Temperature), Csv.Escape(r.PretrainingSet), r.TrainingUtterances,
                r.TestUtterances, Csv.Number(r.Uar), Csv.Number(r.Wa), r.Epochs, Csv.Number(r.BestValidationUar), Csv.Number(r.TrainingSeconds)));
        return text.ToString();
    }

    private static string Markdown(ReportContent content, IReadOnlyList<SummaryRow> summary, IEnumerable<ReportTable> tables, IEnumerable<string> figures)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {MarkdownText.Escape(content.Title)}").AppendLine();
        text.AppendLine($"{content.Runs.Count} fine-tuning runs in {content.Elapsed:hh\\:mm\\:ss}; classes: {string.Join(", ", content.ClassNames.Select(MarkdownText.Escape))}.").AppendLine();
        text.AppendLine("## Summary (mean over folds and repeats, 95% t CI, Mann-Whitney U vs supervised)").AppendLine();
        text.AppendLine("| view | method | fraction % | UAR | WA | runs | p | |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in summary)
            text.AppendLine($"| {MarkdownText.Escape(r.View)} | {MarkdownText.Escape(r.Method)} | {r.FractionPercent:0.#} | {ReportTable.Number(r.UarMean)} ± {ReportTable.Number(r.UarCi95)} | " +
                            $"{ReportTable.Number(r.WaMean)} ± {ReportTable.Number(r.WaCi95)} | {r.Runs} | {ReportTable.Number(r.PValueVsSupervised)} | {r.Significance} |");
        text.AppendLine();
        foreach (var table in tables.Where(t => t.Rows.Count > 0)) text.AppendLine(table.ToMarkdown());
        text.AppendLine("## Figures").AppendLine();
        foreach (var figure in figures) text.AppendLine($"![{Path.GetFileNameWithoutExtension(figure)}]({figure.Replace('\\', '/')})").AppendLine();
        return text.ToString();
    }
}

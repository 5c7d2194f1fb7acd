using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.LabelledModels;

/// <summary>What a folder of a model trained on a corpus's labelled clips records beside the weights.</summary>
public sealed record LabelledModelRecord(string Name, string Corpus, int Clips, IReadOnlyList<string> ClassNames, string View, string Method,
    string? EncoderSet, string? EncoderSetName, LabelledModelEstimate Estimate, DateTime CreatedAtUtc, string? LabelSet = null)
{
    /// <summary>The label set it was trained on; records written before it was kept name none, and their classes tell.</summary>
    public LabelSet? LabelSetIn(Corpus corpus) =>
        corpus.LabelSets.FirstOrDefault(s => s.Name == LabelSet) ?? (LabelSet is null ? corpus.LabelSets.FirstOrDefault(s => s.Classes.SequenceEqual(ClassNames)) : null);
}

/// <summary>
/// Trains a model on every labelled clip of a corpus (<see cref="LabelledModelTrainer"/>) and writes its folder:
/// model.bin and model.json as experiments save theirs, estimate.json (the record) and estimate.md (for people).
/// The CLI's `train-model` and the portal's job both write through here.
/// </summary>
public static class LabelledModelFolder
{
    public const string RecordFile = "estimate.json";
    private static readonly JsonSerializerOptions Json = ResultJson.Indented;

    public static LabelledModelRecord TrainAndSave(Corpus usable, IReadOnlyList<FeatureMatrix> viewFeatures, LabelSet classes, string viewConfigurationKey,
        LabelledModelSettings settings, EncoderSetManifest? set, ViewEncoder? encoder, string folder, CancellationToken cancellationToken = default)
    {
        var labelled = usable.Utterances.Select((u, i) => (u, i, Class: classes.Map(u.Label)))
            .Where(x => x.Class is not null).Select(x => (x.u, x.i, Index: classes.Classes.ToList().IndexOf(x.Class!))).ToList();
        if (labelled.Select(x => x.Index).Distinct().Count() < 2)
            throw new ArgumentException($"Training needs labelled clips of at least two classes of '{classes.Name}'; the corpus has {labelled.Count} labelled clip(s).");
        var (model, estimate) = new LabelledModelTrainer().Train(labelled.Select(x => viewFeatures[x.i]).ToList(), labelled.Select(x => x.Index).ToList(),
            labelled.Select(x => x.u.Speaker).ToList(), classes.Classes.Count, settings, encoder, cancellationToken);
        using (model)
        {
            var name = ModelConfiguration.NameOf(settings.View, settings.Method);
            ModelFiles.Save(model, new ModelConfiguration(name, settings.View, viewConfigurationKey, settings.Method, settings.Architecture,
                classes.Classes, 100, set?.Request.Pretraining.Temperature ?? 0), folder);
            var record = new LabelledModelRecord(name, usable.Name, labelled.Count, classes.Classes, settings.View, settings.Method,
                set?.RequestHash, set?.Name, estimate, DateTime.UtcNow, classes.Name);
            File.WriteAllText(Path.Combine(folder, RecordFile), JsonSerializer.Serialize(record, Json));
            File.WriteAllText(Path.Combine(folder, "estimate.md"), Describe(record));
            return record;
        }
    }

    /// <summary>The record of a model folder, or null when it has none or it cannot be read.</summary>
    public static LabelledModelRecord? Read(string folder)
    {
        var path = Path.Combine(folder, RecordFile);
        if (!File.Exists(path) || !ModelFiles.Exists(folder)) return null;
        try { return JsonSerializer.Deserialize<LabelledModelRecord>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }

    private static string Describe(LabelledModelRecord record)
    {
        var estimate = record.Estimate;
        var confusion = new ReportTable("confusion", "rows: true class, columns: predicted, pooled over the held-out folds", ["", .. record.ClassNames],
            record.ClassNames.Select((c, i) => (IReadOnlyList<string>)[c, .. estimate.ConfusionMatrix[i].Select(n => n.ToString(CultureInfo.InvariantCulture))]).ToList());
        var folds = new ReportTable("folds", "UAR per held-out fold", ["held out", "UAR"],
            estimate.FoldNames.Select((f, i) => (IReadOnlyList<string>)[f, ReportTable.Number(estimate.FoldUars[i], 3)]).ToList());
        return $"# Model trained on {MarkdownText.Escape(record.Corpus)}\n\n{record.Clips} labelled clips; {record.View}, {record.Method}, " +
               $"{(record.EncoderSet is null ? "from scratch" : $"encoder set {MarkdownText.Escape(record.EncoderSetName ?? "")} ({record.EncoderSet[..12]})")}.\n\n" +
               $"UAR on unseen clips ({estimate.Scheme}): {ReportTable.Number(estimate.Uar.Mean, 3)} ± {ReportTable.Number(estimate.Uar.HalfWidth, 3)} (95 % CI over folds)\n\n" +
               folds.ToMarkdown() + "\n" + confusion.ToMarkdown();
    }
}

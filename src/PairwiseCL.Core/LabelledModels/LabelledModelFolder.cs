using System.Globalization;
using System.Text.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Views;

namespace PairwiseCL.Core.LabelledModels;

/// <summary>One view of a model to train: every usable clip's features (corpus order), their configuration key and the pre-trained encoder, if any.</summary>
public sealed record LabelledViewFeatures(string Name, IReadOnlyList<FeatureMatrix> Features, string ConfigurationKey, ViewEncoder? Encoder = null);

/// <summary>What a folder of a model trained on a corpus's labelled clips records beside the weights.</summary>
public sealed record LabelledModelRecord(string Name, string Corpus, int Clips, IReadOnlyList<string> ClassNames, string View, string Method,
    string? EncoderSet, string? EncoderSetName, LabelledModelEstimate Estimate, DateTime CreatedAtUtc, string? LabelSet = null, int AcceptedPredictions = 0)
{
    /// <summary>"3 accepted predictions" when accepted predictions trained it too, else null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? AcceptedPredictionsText => AcceptedPredictions switch
    {
        <= 0 => null,
        1 => "1 accepted prediction",
        var n => $"{n} accepted predictions",
    };

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

    public const string ViewsFolder = "views";

    /// <summary>
    /// Trains on <paramref name="viewNames"/> (one view, or several for a late fusion), from scratch or from the encoders of
    /// <paramref name="set"/> stored in <paramref name="setFolder"/> (loaded here, freed when training ends), and saves the folder.
    /// </summary>
    /// <param name="features">Every usable clip's features per view, in corpus order.</param>
    /// <param name="viewKeys">Each view's feature configuration key, recorded with its model.</param>
    /// <param name="acceptedPredictions">
    /// Predictions members accepted, by clip id, to train on as well (never by default): only clips without a person's label
    /// use theirs, and they never count in the estimate (<see cref="LabelledModelTrainer.TrainFused"/>).
    /// </param>
    public static LabelledModelRecord TrainAndSave(Corpus usable, IReadOnlyList<string> viewNames, IReadOnlyDictionary<string, IReadOnlyList<FeatureMatrix>> features,
        IReadOnlyDictionary<string, string> viewKeys, LabelSet classes, LabelledModelSettings settings, EncoderSetManifest? set, string? setFolder, string folder,
        CancellationToken cancellationToken = default, IReadOnlyDictionary<string, string>? acceptedPredictions = null)
    {
        var encoders = new List<ViewEncoder>();
        try
        {
            if (set is not null)
                foreach (var view in viewNames) encoders.Add(EncoderSetFiles.LoadEncoder(setFolder!, set, view));
            var views = viewNames.Select((v, i) => new LabelledViewFeatures(v, features[v], viewKeys[v], set is null ? null : encoders[i])).ToList();
            return TrainAndSave(usable, views, classes, settings, set, folder, acceptedPredictions ?? new Dictionary<string, string>(), cancellationToken);
        }
        finally
        {
            foreach (var encoder in encoders) encoder.Dispose();
        }
    }

    /// <summary>
    /// One view: model.bin and model.json in the folder, as before. Several views (a late fusion): one such pair per view
    /// under views/{view}/, the prediction being the mean of their probabilities (<see cref="ViewFolders"/>).
    /// </summary>
    private static LabelledModelRecord TrainAndSave(Corpus usable, IReadOnlyList<LabelledViewFeatures> views, LabelSet classes,
        LabelledModelSettings settings, EncoderSetManifest? set, string folder, IReadOnlyDictionary<string, string> acceptedPredictions,
        CancellationToken cancellationToken)
    {
        var classNames = classes.Classes.ToList();
        var people = usable.Utterances.Select((u, i) => (u, i, Class: classes.Map(u.Label))).Where(x => x.Class is not null).ToList();
        if (people.Select(x => x.Class).Distinct().Count() < 2)
            throw new ArgumentException($"Training needs labelled clips of at least two classes of '{classes.Name}'; the corpus has {people.Count} labelled clip(s).");
        var accepted = usable.Utterances.Select((u, i) => (u, i, Class: classes.Map(u.Label) is null && acceptedPredictions.TryGetValue(u.Id, out var p) ? classes.Map(p) : null))
            .Where(x => x.Class is not null).ToList();
        var labelled = people.Concat(accepted).Select(x => (x.u, x.i, Index: classNames.IndexOf(x.Class!))).ToList();
        var inputs = views.Select(v => new LabelledViewInput(v.Name, labelled.Select(x => v.Features[x.i]).ToList(), v.Encoder)).ToList();
        var (models, estimate) = new LabelledModelTrainer().TrainFused(inputs, labelled.Select(x => x.Index).ToList(),
            labelled.Select(x => x.u.Speaker).ToList(), classes.Classes.Count, settings, cancellationToken,
            trainingOnly: labelled.Select((_, k) => k >= people.Count).ToList());
        try
        {
            var viewName = string.Join("+", views.Select(v => v.Name));
            var name = ModelConfiguration.NameOf(viewName, settings.Method);
            for (var v = 0; v < views.Count; v++)
                ModelFiles.Save(models[v], new ModelConfiguration(ModelConfiguration.NameOf(views[v].Name, settings.Method), views[v].Name, views[v].ConfigurationKey,
                    settings.Method, settings.Architecture, classes.Classes, 100, set?.Request.Pretraining.Temperature ?? 0),
                    views.Count == 1 ? folder : Path.Combine(folder, ViewsFolder, views[v].Name));
            var record = new LabelledModelRecord(name, usable.Name, people.Count, classes.Classes, viewName, settings.Method,
                set?.RequestHash, set?.Name, estimate, DateTime.UtcNow, classes.Name, accepted.Count);
            File.WriteAllText(Path.Combine(folder, RecordFile), JsonSerializer.Serialize(record, Json));
            File.WriteAllText(Path.Combine(folder, "estimate.md"), Describe(record));
            return record;
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }

    /// <summary>The model folders whose mean probability is the prediction: the folder itself for one view, one per view for a late fusion.</summary>
    public static IReadOnlyList<string> ViewFolders(string folder)
    {
        if (ModelFiles.Exists(folder)) return [folder];
        var views = Path.Combine(folder, ViewsFolder);
        return Directory.Exists(views) ? Directory.EnumerateDirectories(views).Where(ModelFiles.Exists).Order(StringComparer.Ordinal).ToList() : [];
    }

    /// <summary>The record of a model folder, or null when it has none or it cannot be read.</summary>
    public static LabelledModelRecord? Read(string folder)
    {
        var path = Path.Combine(folder, RecordFile);
        if (!File.Exists(path) || ViewFolders(folder).Count == 0) return null;
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
        var accepted = record.AcceptedPredictionsText is { } text ? $" and {text} (training only: the estimate holds out people's labels alone)" : "";
        return $"# Model trained on {MarkdownText.Escape(record.Corpus)}\n\n{record.Clips} labelled clips{accepted}; {record.View}, {record.Method}, " +
               $"{(record.EncoderSet is null ? "from scratch" : $"encoder set {MarkdownText.Escape(record.EncoderSetName ?? "")} ({record.EncoderSet[..12]})")}.\n\n" +
               $"UAR on unseen clips ({estimate.Scheme}): {ReportTable.Number(estimate.Uar.Mean, 3)} ± {ReportTable.Number(estimate.Uar.HalfWidth, 3)} (95 % CI over folds)\n\n" +
               folds.ToMarkdown() + "\n" + confusion.ToMarkdown();
    }
}

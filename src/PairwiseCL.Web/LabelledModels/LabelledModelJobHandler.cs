using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Training;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.LabelledModels;

/// <summary>
/// "Train a model" on a corpus: every clip labelled in the chosen label set trains one deployable model (from
/// scratch or on one of the corpus's encoder sets), after an honest held-out estimate; the folder lands under
/// models/corpus-{id}/ of the data folder.
/// </summary>
public sealed class LabelledModelJobHandler(
    CorpusRepository corpora,
    CorpusFeatures corpusFeatures,
    JobProgressFeed feed,
    IOptions<StorageOptions> storage) : CorpusJobHandler<LabelledModelJobHandler.Payload>(corpora, feed)
{
    public const string JobKind = "train-model";

    public override string Kind => JobKind;

    public static JobRequest Request(Payload payload, string? userId) => Request(JobKind, payload, userId);

    public static string CorpusFolder(string dataFolder, int corpusId) => Path.Combine(dataFolder, "models", $"corpus-{corpusId}");

    private const string JobFolderPrefix = "job-";

    public static string ModelFolder(string dataFolder, int corpusId, long jobId) => Path.Combine(CorpusFolder(dataFolder, corpusId), $"{JobFolderPrefix}{jobId}");

    /// <summary>The model folders of a corpus by the job that trained each (folders without a job number in their name are not models).</summary>
    public static IEnumerable<(long JobId, string Folder)> ModelFolders(string dataFolder, int corpusId)
    {
        var root = CorpusFolder(dataFolder, corpusId);
        if (!Directory.Exists(root)) yield break;
        foreach (var folder in Directory.EnumerateDirectories(root, JobFolderPrefix + "*"))
            if (long.TryParse(Path.GetFileName(folder)[JobFolderPrefix.Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var jobId))
                yield return (jobId, folder);
    }

    protected override async Task RunAsync(JobContext context, Payload payload, Corpus corpus, JobProgressSink sink, CancellationToken cancellationToken)
    {
        var classes = corpus.LabelSets.FirstOrDefault(s => s.Name == payload.LabelSet)
            ?? throw new InvalidDataException($"Corpus '{corpus.Name}' has no label set '{payload.LabelSet}'.");
        var dataFolder = storage.Value.DataFolderFullPath;
        EncoderSetManifest? set = null;
        string? setFolder = null;
        if (payload.EncoderSet is { } hash)
        {
            setFolder = new EncoderSetCatalog(dataFolder).FolderOf(hash);
            set = File.Exists(Path.Combine(setFolder, EncoderSetFiles.ManifestFile)) ? EncoderSetFiles.ReadManifest(setFolder) : null;
            if (set is null || !set.Request.Corpora.Contains(TrainingCorpus.Of(corpus)))
                throw new InvalidDataException("That encoder set is not one of this corpus's (as it is now); pre-train one on the corpus page.");
        }
        var padding = set?.Request.Pretraining.Padding ?? BatchPadding.Fixed15s;
        var viewNames = payload.View.Split('+');
        if (set is not null && viewNames.FirstOrDefault(v => !set.Request.Views.Contains(v)) is { } missing)
            throw new InvalidDataException($"Encoder set '{set.Name}' has no {missing} encoder; choose its views or train from scratch.");
        var (usable, features, keys) = await JobCompute.RunAsync(() => corpusFeatures.Extract(corpus, viewNames, padding, sink, context, cancellationToken), cancellationToken);
        sink.Report(new ExperimentProgress("training and estimating", 0, 1, "one training per held-out fold, then on every labelled clip", null));
        var settings = new LabelledModelSettings(payload.View, payload.Method,
            new FineTuningConfig(MaxEpochs: payload.Epochs, Patience: Math.Min(20, payload.Epochs), BatchSize: 32, RefitOnTrainingAndValidation: false, Padding: padding),
            set?.Request.Architecture ?? ModelArchitecture.Paper);
        var folder = ModelFolder(dataFolder, payload.CorpusId, context.JobId);
        LabelledModelRecord record;
        try
        {
            // Accepted predictions train only when the member asked: by default a model learns from people's labels alone.
            var acceptedPredictions = payload.WithAcceptedPredictions ? await Corpora.LoadAcceptedPredictionsAsync(payload.CorpusId, cancellationToken) : null;
            record = await JobCompute.RunAsync(() => LabelledModelFolder.TrainAndSave(usable, viewNames, features, keys, classes, settings, set, setFolder, folder,
                cancellationToken, acceptedPredictions), cancellationToken);
        }
        catch (ArgumentException e)
        {
            // Too few labelled clips or classes: the member's data, not a fault of ours.
            throw new InvalidDataException(e.Message, e);
        }
        sink.Report(new ExperimentProgress("stored", 1, 1, "model saved", null));
        await context.LogAsync($"trained {record.Name} on {record.Clips} labelled clips{(record.AcceptedPredictionsText is { } accepted ? $" and {accepted}" : "")}; UAR on unseen clips ({record.Estimate.Scheme}) "
            + $"{record.Estimate.Uar.Mean:F3} ± {record.Estimate.Uar.HalfWidth:F3}", cancellationToken);
    }

    /// <summary>The job's input: a corpus, its label set, the view and how the model starts.</summary>
    /// <param name="WithAcceptedPredictions">Train on accepted predictions too (clips without a person's label); never counted in the estimate.</param>
    public sealed record Payload(int CorpusId, int WorkspaceId, string LabelSet, string View, string Method, string? EncoderSet, int Epochs,
        bool WithAcceptedPredictions = false) : ICorpusJobPayload;
}

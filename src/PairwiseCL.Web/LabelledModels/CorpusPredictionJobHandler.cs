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
/// "Predict the rest": a corpus's model classifies every clip that has no person's label in the model's label set
/// (features through the shared cache), and the predictions are stored beside the model as predictions.json.
/// They are suggestions: nothing here changes a label.
/// </summary>
public sealed class CorpusPredictionJobHandler(
    CorpusRepository corpora,
    CorpusFeatures corpusFeatures,
    JobProgressFeed feed,
    IOptions<StorageOptions> storage) : CorpusJobHandler<CorpusPredictionJobHandler.Payload>(corpora, feed)
{
    public const string JobKind = "predict-corpus";

    public override string Kind => JobKind;

    public static JobRequest Request(Payload payload, string? userId) => Request(JobKind, payload, userId);

    protected override async Task RunAsync(JobContext context, Payload payload, Corpus corpus, JobProgressSink sink, CancellationToken cancellationToken)
    {
        var dataFolder = storage.Value.DataFolderFullPath;
        var folder = LabelledModelJobHandler.ModelFolder(dataFolder, payload.CorpusId, payload.ModelJobId);
        var record = LabelledModelFolder.Read(folder) ?? throw new InvalidDataException($"Corpus '{corpus.Name}' has no model trained by job #{payload.ModelJobId}.");
        var labelSet = record.LabelSetIn(corpus)
            ?? throw new InvalidDataException($"The label set model {record.Name} was trained on is no longer one of corpus '{corpus.Name}'s.");
        var unlabelled = corpus with { Utterances = [.. corpus.Utterances.Where(u => labelSet.Map(u.Label) is null)] };
        var padding = PaddingOf(record, dataFolder);
        var views = record.View.Split('+');
        var (usable, features, keys) = await JobCompute.RunAsync(() => corpusFeatures.Extract(unlabelled, views, padding, sink, context, cancellationToken), cancellationToken);
        foreach (var viewFolder in LabelledModelFolder.ViewFolders(folder))
            if (ModelFiles.ReadConfiguration(viewFolder) is { ViewConfigurationKey.Length: > 0 } trained && trained.ViewConfigurationKey != keys[trained.View])
                throw new InvalidDataException($"The {trained.View} features are configured differently from those model {record.Name} was trained on; train it again.");
        sink.Report(new ExperimentProgress("predicting", 0, usable.Utterances.Count, $"{usable.Utterances.Count} clips without a label", null));
        var predictions = await JobCompute.RunAsync(() => CorpusPredictions.Predict(folder, labelSet.Name, usable.Utterances.Select(u => u.Id).ToList(), features,
            TrainingDevice.Default, padding, DateTime.UtcNow, cancellationToken), cancellationToken);
        CorpusPredictions.Save(predictions, folder);
        sink.Report(new ExperimentProgress("stored", predictions.Clips.Count, predictions.Clips.Count, "predictions stored", null));
        await context.LogAsync($"predicted {predictions.Clips.Count} unlabelled clips with {record.Name} (job #{payload.ModelJobId}); "
            + $"{predictions.Clips.Count(c => c.Confidence < 0.5)} below 0.5 confidence", cancellationToken);
    }

    // The batches as the model was trained: padding matters to wav2vec 2.0 features, not to the result of masked pooling.
    private static BatchPadding PaddingOf(LabelledModelRecord record, string dataFolder)
    {
        if (record.EncoderSet is not { } hash) return BatchPadding.Fixed15s;
        var setFolder = new EncoderSetCatalog(dataFolder).FolderOf(hash);
        return File.Exists(Path.Combine(setFolder, EncoderSetFiles.ManifestFile)) ? EncoderSetFiles.ReadManifest(setFolder).Request.Pretraining.Padding : BatchPadding.Fixed15s;
    }

    /// <summary>The job's input: a corpus and the job that trained the model to predict with.</summary>
    public sealed record Payload(int CorpusId, int WorkspaceId, long ModelJobId) : ICorpusJobPayload;
}

using System.Globalization;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Core.Models;
using PairwiseCL.Core.Progress;
using PairwiseCL.Core.Training;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Corpora;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;

namespace PairwiseCL.Web.EncoderSets;

/// <summary>
/// Pre-trains the chosen views with Pairwise-CL on every utterance of a corpus (labels ignored) and stores the
/// encoders as an immutable encoder set under the data folder; an identical request reuses the stored set.
/// </summary>
public sealed class EncoderSetJobHandler(
    CorpusRepository corpora,
    CorpusFeatures corpusFeatures,
    JobProgressFeed feed,
    IOptions<StorageOptions> storage) : CorpusJobHandler<EncoderSetJobHandler.Payload>(corpora, feed)
{
    public const string JobKind = "pretrain-encoders";

    public override string Kind => JobKind;

    public static JobRequest Request(Payload payload, string? userId) => Request(JobKind, payload, userId);

    protected override async Task RunAsync(JobContext context, Payload payload, Corpus corpus, JobProgressSink sink, CancellationToken cancellationToken)
    {
        var pretraining = payload.Pretraining();
        var (usable, features, keys) = await JobCompute.RunAsync(() =>
            corpusFeatures.Extract(corpus, payload.Views, pretraining.Padding, sink, context, cancellationToken), cancellationToken);
        // The set is known by the corpus as stored (all its utterances), so the corpus page finds it again.
        var request = new EncoderSetRequest(payload.Views, keys, [TrainingCorpus.Of(corpus)], pretraining, ModelArchitecture.Paper);
        if (request.Problems() is { Count: > 0 } problems) throw new InvalidDataException(string.Join(" ", problems));
        var catalog = new EncoderSetCatalog(storage.Value.DataFolderFullPath);
        if (catalog.Find(request) is { } stored)
        {
            await context.LogAsync($"reused the stored encoder set '{stored.Name}' ({stored.RequestHash[..12]}), trained {stored.CreatedAtUtc:u}: the request is identical", cancellationToken);
            return;
        }
        var name = $"{corpus.Name}: {string.Join(" + ", payload.Views)}, tau {payload.Temperature.ToString(CultureInfo.InvariantCulture)}";
        var manifest = await JobCompute.RunAsync(() => new EncoderSetTrainer().Train(name, request, features, catalog.FolderOf(request.Hash),
            new InlineProgress<TrainingProgress>(p => sink.Report(new ExperimentProgress("pre-training", p.Epoch, p.MaxEpochs,
                $"epoch {p.Epoch}, loss {p.TrainLoss:F3} / {p.ValidationLoss:F3}", p.EstimatedRemaining.TotalSeconds))), cancellationToken), cancellationToken);
        await context.LogAsync($"stored encoder set '{manifest.Name}' ({manifest.RequestHash[..12]}): {manifest.TrainingUtterances} training and "
            + $"{manifest.ValidationUtterances} validation utterances ({corpus.Utterances.Count - usable.Utterances.Count} left out), best epoch "
            + $"{manifest.BestEpoch} of {manifest.History.Count}, {manifest.Seconds:F0} s", cancellationToken);
    }

    /// <summary>The job's input: a corpus, the views and the pre-training settings a member chose.</summary>
    public sealed record Payload(int CorpusId, int WorkspaceId, IReadOnlyList<string> Views, double Temperature, int Epochs, int Patience, int BatchSize) : ICorpusJobPayload
    {
        // Length-bucketed batches: the same encoders as the paper's 15 s padding at a fraction of the cost (README, Performance).
        public PretrainingConfig Pretraining() => new(Temperature: Temperature, MaxEpochs: Epochs, Patience: Patience, BatchSize: BatchSize,
            Padding: BatchPadding.Bucketed);
    }
}

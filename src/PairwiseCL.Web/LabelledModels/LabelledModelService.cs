using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Labelling;

namespace PairwiseCL.Web.LabelledModels;

/// <summary>A corpus's trained models and the training that makes one, checked against the user's role here on the server.</summary>
public sealed class LabelledModelService(
    CorpusRepository corpora,
    ExperimentViews views,
    IJobDispatcher dispatcher,
    CurrentWorkspace workspace,
    UserAccess access,
    LabellingService labelling,
    IOptions<StorageOptions> storage)
{
    public IReadOnlyList<string> AvailableViews => views.Available;

    public Task<bool> CanTrainAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>The corpus's models, newest first, each with when it last predicted the rest; null when the corpus is not in this workspace.</summary>
    public async Task<IReadOnlyList<CorpusModel>?> ListAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        if (await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null) return null;
        return Saved(corpusId).Select(m => new CorpusModel(m.JobId, m.Record, CorpusPredictions.Read(m.Folder))).ToList();
    }

    /// <summary>
    /// The corpus's models that have predicted the rest, newest first, without reading their predictions (the labelling page
    /// offers each one's least-confident order and reads only the one chosen); null when the corpus is not in this workspace.
    /// </summary>
    public async Task<IReadOnlyList<(long JobId, LabelledModelRecord Record)>?> ListPredictingAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        if (await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null) return null;
        return Saved(corpusId).Where(m => CorpusPredictions.Exists(m.Folder)).Select(m => (m.JobId, m.Record)).ToList();
    }

    /// <summary>The corpus's model folders with a readable record, newest first.</summary>
    private IEnumerable<(long JobId, string Folder, LabelledModelRecord Record)> Saved(int corpusId) =>
        LabelledModelJobHandler.ModelFolders(storage.Value.DataFolderFullPath, corpusId)
            .Select(m => (m.JobId, m.Folder, Record: LabelledModelFolder.Read(m.Folder)))
            .Where(m => m.Record is not null)
            .Select(m => (m.JobId, m.Folder, Record: m.Record!))
            .OrderByDescending(m => m.Record.CreatedAtUtc);

    /// <summary>The folder of the model a training job saved for a corpus of this workspace, or null.</summary>
    public async Task<(string Folder, LabelledModelRecord Record)?> FindAsync(int corpusId, long jobId, CancellationToken cancellationToken = default)
    {
        if (await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null) return null;
        var folder = LabelledModelJobHandler.ModelFolder(storage.Value.DataFolderFullPath, corpusId, jobId);
        return LabelledModelFolder.Read(folder) is { } record ? (folder, record) : null;
    }

    /// <summary>The predictions of a corpus's model ("Predict the rest"), or null when it has none here.</summary>
    public async Task<CorpusPredictionSet?> PredictionsAsync(int corpusId, long jobId, CancellationToken cancellationToken = default) =>
        await FindAsync(corpusId, jobId, cancellationToken) is { } found ? CorpusPredictions.Read(found.Folder) : null;

    /// <summary>Queues "Predict the rest" with a corpus's model, or says why not.</summary>
    public async Task<(long? JobId, IReadOnlyList<string> Problems)> PredictRestAsync(int corpusId, long modelJobId, CancellationToken cancellationToken = default)
    {
        if (!await CanTrainAsync()) return (null, ["Only editors and owners can predict a corpus's labels."]);
        if (await FindAsync(corpusId, modelJobId, cancellationToken) is null) return (null, [$"Corpus #{corpusId} has no model trained by job #{modelJobId} here."]);
        var payload = new CorpusPredictionJobHandler.Payload(corpusId, await workspace.GetIdAsync(cancellationToken), modelJobId);
        return (await dispatcher.EnqueueAsync(CorpusPredictionJobHandler.Request(payload, await access.GetUserIdAsync()), cancellationToken), []);
    }

    /// <summary>
    /// The clips of <paramref name="items"/> still without a label in <paramref name="labelSet"/>, least confident prediction first
    /// ("send the least confident to the labelling queue"); null when the model has no predictions under that label set.
    /// </summary>
    public async Task<RankedQueue?> LeastConfidentAsync(int corpusId, long modelJobId, LabelSet labelSet, IReadOnlyList<QueueItem> items,
        CancellationToken cancellationToken = default)
    {
        if (await PredictionsAsync(corpusId, modelJobId, cancellationToken) is not { } predictions || predictions.LabelSet != labelSet.Name) return null;
        var open = items.Where(i => labelSet.Map(i.Label) is null).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var order = predictions.LeastConfidentFirst.Where(c => open.Contains(c.ClipId)).ToList();
        return new RankedQueue(LeastConfidentStrategy, null, order.Select(c => c.ClipId).ToList(), order.ToDictionary(c => c.ClipId, predictions.Reason));
    }

    /// <summary>How label events name the least-confident order.</summary>
    public const string LeastConfidentStrategy = "least-confident";

    /// <summary>
    /// Accepts a stored prediction as the clip's label, recorded as the model's (never as a person's): the class comes
    /// from the stored predictions, not from the caller.
    /// </summary>
    public async Task<LabelOutcome> AcceptAsync(int corpusId, long modelJobId, string clipId, CancellationToken cancellationToken = default)
    {
        if (await PredictionsAsync(corpusId, modelJobId, cancellationToken) is not { } predictions)
            return LabelOutcome.Refused($"Model #{modelJobId} of this corpus has no predictions; run Predict the rest first.");
        if (predictions.Clips.FirstOrDefault(c => c.ClipId == clipId) is not { } clip)
            return LabelOutcome.Refused($"Model #{modelJobId} predicted no clip '{clipId}'.");
        return await labelling.LabelAsync(corpusId, clipId, predictions.LabelSet, clip.Predicted, cancellationToken,
            new LabelProvenance($"prediction of model #{modelJobId}", Source: LabelSource.Model));
    }

    /// <summary>Queues the training, or names every problem with the request.</summary>
    public async Task<(long? JobId, IReadOnlyList<string> Problems)> TrainAsync(int corpusId, string labelSet, string view, string method, string? encoderSet,
        int epochs, CancellationToken cancellationToken = default, bool withAcceptedPredictions = false)
    {
        if (!await CanTrainAsync()) return (null, ["Only editors and owners can train models."]);
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        if (await corpora.FindSummaryAsync(corpusId, workspaceId, cancellationToken) is null) return (null, [$"There is no corpus #{corpusId} in this workspace."]);
        var problems = new List<string>();
        // One view, or a late fusion of several ("egemaps+mel").
        var chosen = view.Split('+');
        foreach (var name in chosen.Where(v => !views.Available.Contains(v))) problems.Add($"Unknown or unavailable view '{name}'.");
        if (chosen.Distinct().Count() != chosen.Length) problems.Add("Choose each view once.");
        if (!MethodNames.All.Contains(method)) problems.Add($"Unknown method '{method}'.");
        if (method != MethodNames.Supervised && string.IsNullOrEmpty(encoderSet)) problems.Add($"{method} starts from a pre-trained encoder: choose an encoder set.");
        if (encoderSet is { Length: > 0 } hash && !hash.All(char.IsAsciiLetterOrDigit)) problems.Add("That is not an encoder set.");
        if (epochs is < 1 or > 1000) problems.Add("Epochs must be between 1 and 1000.");
        if (string.IsNullOrWhiteSpace(labelSet)) problems.Add("Choose a label set.");
        if (problems.Count > 0) return (null, problems);
        var payload = new LabelledModelJobHandler.Payload(corpusId, workspaceId, labelSet, view, method, string.IsNullOrEmpty(encoderSet) ? null : encoderSet, epochs,
            withAcceptedPredictions);
        return (await dispatcher.EnqueueAsync(LabelledModelJobHandler.Request(payload, await access.GetUserIdAsync()), cancellationToken), []);
    }
}

/// <summary>A model trained on a corpus's labels, by the job that trained it, with its latest predictions of the rest (if any).</summary>
public sealed record CorpusModel(long JobId, LabelledModelRecord Record, CorpusPredictionSet? Predictions);

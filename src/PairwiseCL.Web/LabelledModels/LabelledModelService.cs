using Microsoft.Extensions.Options;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.LabelledModels;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.LabelledModels;

/// <summary>A corpus's trained models and the training that makes one, checked against the user's role here on the server.</summary>
public sealed class LabelledModelService(
    CorpusRepository corpora,
    ExperimentViews views,
    IJobDispatcher dispatcher,
    CurrentWorkspace workspace,
    UserAccess access,
    IOptions<StorageOptions> storage)
{
    public IReadOnlyList<string> AvailableViews => views.Available;

    public Task<bool> CanTrainAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>The corpus's models, newest first; null when the corpus is not in this workspace.</summary>
    public async Task<IReadOnlyList<LabelledModelRecord>?> ListAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        if (await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null) return null;
        var root = LabelledModelJobHandler.CorpusFolder(storage.Value.DataFolderFullPath, corpusId);
        if (!Directory.Exists(root)) return [];
        return Directory.EnumerateDirectories(root).Select(LabelledModelFolder.Read).OfType<LabelledModelRecord>()
            .OrderByDescending(r => r.CreatedAtUtc).ToList();
    }

    /// <summary>The folder of the model a training job saved for a corpus of this workspace, or null.</summary>
    public async Task<(string Folder, LabelledModelRecord Record)?> FindAsync(int corpusId, long jobId, CancellationToken cancellationToken = default)
    {
        if (await corpora.FindSummaryAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null) return null;
        var folder = Path.Combine(LabelledModelJobHandler.CorpusFolder(storage.Value.DataFolderFullPath, corpusId), $"job-{jobId}");
        return LabelledModelFolder.Read(folder) is { } record ? (folder, record) : null;
    }

    /// <summary>Queues the training, or names every problem with the request.</summary>
    public async Task<(long? JobId, IReadOnlyList<string> Problems)> TrainAsync(int corpusId, string labelSet, string view, string method, string? encoderSet,
        int epochs, CancellationToken cancellationToken = default)
    {
        if (!await CanTrainAsync()) return (null, ["Only editors and owners can train models."]);
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        if (await corpora.FindSummaryAsync(corpusId, workspaceId, cancellationToken) is null) return (null, [$"There is no corpus #{corpusId} in this workspace."]);
        var problems = new List<string>();
        if (!views.Available.Contains(view)) problems.Add($"Unknown or unavailable view '{view}'.");
        if (!MethodNames.All.Contains(method)) problems.Add($"Unknown method '{method}'.");
        if (method != MethodNames.Supervised && string.IsNullOrEmpty(encoderSet)) problems.Add($"{method} starts from a pre-trained encoder: choose an encoder set.");
        if (encoderSet is { Length: > 0 } hash && !hash.All(char.IsAsciiLetterOrDigit)) problems.Add("That is not an encoder set.");
        if (epochs is < 1 or > 1000) problems.Add("Epochs must be between 1 and 1000.");
        if (string.IsNullOrWhiteSpace(labelSet)) problems.Add("Choose a label set.");
        if (problems.Count > 0) return (null, problems);
        var payload = new LabelledModelJobHandler.Payload(corpusId, workspaceId, labelSet, view, method, string.IsNullOrEmpty(encoderSet) ? null : encoderSet, epochs);
        return (await dispatcher.EnqueueAsync(LabelledModelJobHandler.Request(payload, await access.GetUserIdAsync()), cancellationToken), []);
    }
}

using Microsoft.Extensions.Options;
using PairwiseCL.Core.EncoderSets;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.EncoderSets;

/// <summary>A corpus's encoder sets and the pre-training that makes one, checked against the user's role here on the server.</summary>
public sealed class EncoderSetService(
    CorpusRepository corpora,
    ExperimentViews views,
    IJobDispatcher dispatcher,
    CurrentWorkspace workspace,
    UserAccess access,
    IOptions<StorageOptions> storage,
    ILogger<EncoderSetService> logger)
{
    public const int MaxEpochs = 1000;

    public IReadOnlyList<string> AvailableViews => views.Available;

    public Task<bool> CanPretrainAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    /// <summary>The encoder sets trained on this corpus as it is now (its name and its utterances), newest first; null when it is not in this workspace.</summary>
    public async Task<IReadOnlyList<EncoderSetManifest>?> ListAsync(int corpusId, CancellationToken cancellationToken = default)
    {
        // Only the ids: the corpus page and the labelling page ask this on every visit, and a corpus may hold thousands of clips.
        if (await corpora.LoadUtteranceIdsAsync(corpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) is not { } found) return null;
        var (name, ids) = found;
        var trained = TrainingCorpus.Of(name, ids);
        return new EncoderSetCatalog(storage.Value.DataFolderFullPath).List(name)
            .Where(set => set.Request.Corpora.Contains(trained)).ToList();
    }

    /// <summary>Queues the pre-training; the outcome names every problem with the request instead when there is one.</summary>
    public async Task<EncoderSetLaunch> PretrainAsync(int corpusId, EncoderSetDraft draft, CancellationToken cancellationToken = default)
    {
        if (!await CanPretrainAsync()) return EncoderSetLaunch.Refused("Only editors and owners can pre-train encoders.");
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var summary = await corpora.FindSummaryAsync(corpusId, workspaceId, cancellationToken);
        if (summary is null) return EncoderSetLaunch.Refused($"There is no corpus #{corpusId} in this workspace.");
        var problems = draft.Problems(views.Available, summary.Utterances);
        if (problems.Count > 0) return new EncoderSetLaunch(null, problems);
        var payload = new EncoderSetJobHandler.Payload(corpusId, workspaceId, [.. draft.Views], draft.Temperature, draft.Epochs, draft.Patience, draft.BatchSize);
        var jobId = await dispatcher.EnqueueAsync(EncoderSetJobHandler.Request(payload, await access.GetUserIdAsync()), cancellationToken);
        logger.LogInformation("Pre-training of encoders on corpus #{Corpus} queued as job #{Job}", corpusId, jobId);
        return new EncoderSetLaunch(jobId, []);
    }
}

/// <summary>What the corpus page's pre-training form holds, with the portal's defaults.</summary>
public sealed class EncoderSetDraft
{
    public List<string> Views { get; set; } = ["mel", "egemaps"];

    public double Temperature { get; set; } = 0.5;

    public int Epochs { get; set; } = 30;

    public int Patience { get; set; } = 8;

    public int BatchSize { get; set; } = 64;

    /// <summary>Every problem in plain words; empty when it can run.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<string> available, int utterances)
    {
        var problems = new List<string>();
        var unknown = Views.Where(v => !available.Contains(v)).ToList();
        if (unknown.Count > 0) problems.Add($"Unknown or unavailable view(s): {string.Join(", ", unknown)}.");
        if (Views.Distinct().Count() < 2) problems.Add("Pairwise-CL pre-training needs at least two different views.");
        if (!(Temperature > 0 && Temperature <= 10)) problems.Add("The temperature must lie in (0, 10].");
        if (Epochs is < 1 or > EncoderSetService.MaxEpochs) problems.Add($"Epochs must be between 1 and {EncoderSetService.MaxEpochs}.");
        if (Patience < 1) problems.Add("Patience must be at least one epoch.");
        if (BatchSize is < 2 or > 1024) problems.Add("The batch size must be between 2 and 1024.");
        if (utterances < 20) problems.Add($"Pre-training needs at least 20 utterances; the corpus has {utterances}.");
        return problems;
    }
}

/// <summary>The queued job, or why nothing was queued.</summary>
public sealed record EncoderSetLaunch(long? JobId, IReadOnlyList<string> Problems)
{
    public static EncoderSetLaunch Refused(string problem) => new(null, [problem]);
}

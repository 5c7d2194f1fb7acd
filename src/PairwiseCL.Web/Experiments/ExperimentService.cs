using Microsoft.Extensions.Options;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Authorization;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Configuring and launching experiments in the current workspace. Launching needs the editor role,
/// checked here on the server; a launch stores the immutable configuration and queues its job.
/// </summary>
public sealed class ExperimentService(
    CorpusRepository corpora,
    ExperimentRepository experiments,
    ExperimentViews views,
    IJobDispatcher dispatcher,
    CurrentWorkspace workspace,
    UserAccess access,
    Results.ResultsService results,
    IOptions<ExperimentOptions> options,
    ILogger<ExperimentService> logger)
{
    public IReadOnlyList<string> AvailableViews => views.Available;

    /// <summary>Known views that cannot run here, shown disabled with what would enable them.</summary>
    public IReadOnlyList<UnavailableView> UnavailableViews => views.Unavailable;

    public Task<bool> CanLaunchAsync() => access.IsAllowedAsync(PortalPolicies.Editor);

    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        await experiments.ListAsync(await workspace.GetIdAsync(cancellationToken), null, cancellationToken);

    /// <summary>The current workspace's corpora with the label sets and labels the form offers.</summary>
    public async Task<IReadOnlyList<CorpusChoice>> ListCorporaAsync(CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var choices = new List<CorpusChoice>();
        foreach (var summary in await corpora.ListAsync(workspaceId, cancellationToken))
        {
            var corpus = await corpora.LoadAsync(summary.Id, workspaceId, cancellationToken);
            if (corpus is null) continue;
            choices.Add(new CorpusChoice(summary.Id, summary.Name, summary.Utterances, summary.Sessions,
                corpus.LabelSets.Select(s => s.Name).ToList(),
                corpus.Utterances.Select(u => u.Label).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList()));
        }
        return choices;
    }

    /// <summary>Everything wrong with a draft, in words; empty when it can be launched.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        await CheckAsync(draft, problems, cancellationToken);
        return problems;
    }

    public async Task<LaunchResult> LaunchAsync(ExperimentDraft draft, CancellationToken cancellationToken = default)
    {
        if (!await CanLaunchAsync())
            return new LaunchResult(null, null, ["Only editors and owners can launch experiments."], Forbidden: true);
        var problems = new List<string>();
        var labels = await CheckAsync(draft, problems, cancellationToken);
        if (labels is null) return new LaunchResult(null, null, problems);

        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var userId = await access.GetUserIdAsync();
        var configurationJson = draft.IsActiveLearning
            ? new ActiveLearningLaunch(draft.ToActiveLearning(), labels).ToJson()
            : new ExperimentLaunch(draft.ToConfiguration(), labels).ToJson();
        // A simulation pre-trains on its own corpus only: the additional pre-training corpus is the protocol's.
        var pretrainCorpusId = draft.IsActiveLearning ? null : draft.PretrainCorpusId;
        int? experimentId = null;
        try
        {
            experimentId = await experiments.CreateAsync(workspaceId, draft.Name.Trim(), draft.CorpusId, pretrainCorpusId, configurationJson, userId, cancellationToken);
            var jobId = await dispatcher.EnqueueAsync(ExperimentJobHandler.Request(experimentId.Value, workspaceId, userId), cancellationToken);
            logger.LogInformation("Experiment #{Id} '{Name}' ({Kind}) launched as job #{Job}", experimentId, draft.Name, draft.Kind, jobId);
            return new LaunchResult(experimentId, jobId, []);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            logger.LogError(e, "Experiment '{Name}' not launched: the disk is full", draft.Name);
            if (experimentId is { } orphan) await DeleteIfPossibleAsync(orphan);
            return new LaunchResult(null, null, ["The server's disk is full: the experiment was not launched. Ask an owner to free space, then launch it again."], DiskFull: true);
        }
    }

    /// <summary>Removes an experiment whose job could not be queued; on a full disk the delete may fail too, leaving an experiment without a job.</summary>
    private async Task DeleteIfPossibleAsync(int experimentId)
    {
        try
        {
            await experiments.DeleteAsync(experimentId, CancellationToken.None);
        }
        catch (Exception e) when (DiskFull.Is(e))
        {
            logger.LogWarning("Experiment #{Id} without a job could not be removed: the disk is still full", experimentId);
        }
    }

    /// <summary>
    /// Queues the t-SNE and PWCCA analysis of a finished experiment (editors and owners). Asking again while
    /// one is queued or running returns that job. Null when it is not an experiment of the current workspace.
    /// </summary>
    /// <param name="force">Compute the analysis again even when the report already holds it.</param>
    public async Task<LaunchResult?> RequestAnalysisAsync(int experimentId, bool force = false, CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        var experiment = (await experiments.ListAsync(workspaceId, experimentId, cancellationToken)).SingleOrDefault();
        if (experiment is null) return null;
        if (!await CanLaunchAsync())
            return new LaunchResult(null, null, ["Only editors and owners can start an analysis."], Forbidden: true);
        if (experiment.Imported)
            return LaunchResult.Refused($"'{experiment.Name}' was imported from another portal: its models predict here, but the analysis "
                + "needs its corpus audio, which stayed with the portal it was exported from. Run the analysis there, or import the corpus and run the experiment here.");
        if (await experiments.FindAsync(experimentId, cancellationToken) is { } stored && ExperimentKinds.IsActiveLearning(stored.ConfigurationJson))
            return LaunchResult.Refused($"'{experiment.Name}' is an active-learning simulation: it trains no encoders to map or compare, so there is no t-SNE or PWCCA analysis to run.");
        if (experiment.State is not JobState.Succeeded)
            return LaunchResult.Refused($"'{experiment.Name}' has not finished successfully; the analysis reuses its finished runs.");
        if (await experiments.FindLatestJobAsync(ExperimentAnalysisJobHandler.JobKind, experimentId, cancellationToken) is { IsActive: true } active)
            return new LaunchResult(experimentId, active.Id, []);
        // Asking twice (a script's retry) must not train the analysis again: the stored maps and table stand.
        if (!force && await results.GetAsync(experimentId, cancellationToken) is { HasAnalysis: true })
            return new LaunchResult(experimentId, null, [], AlreadyAnalysed: true,
                Note: $"'{experiment.Name}' already has its t-SNE maps and PWCCA table (/experiments/{experimentId}); ask with force=true to compute them again.");
        var jobId = await dispatcher.EnqueueAsync(ExperimentAnalysisJobHandler.Request(experimentId, workspaceId, await access.GetUserIdAsync()), cancellationToken);
        logger.LogInformation("Analysis of experiment #{Id} queued as job #{Job}", experimentId, jobId);
        return new LaunchResult(experimentId, jobId, []);
    }

    /// <summary>The newest analysis job of an experiment of the current workspace, or null.</summary>
    public async Task<ExperimentJob?> FindAnalysisJobAsync(int experimentId, CancellationToken cancellationToken = default)
    {
        var workspaceId = await workspace.GetIdAsync(cancellationToken);
        if ((await experiments.ListAsync(workspaceId, experimentId, cancellationToken)).Count == 0) return null;
        return await experiments.FindLatestJobAsync(ExperimentAnalysisJobHandler.JobKind, experimentId, cancellationToken);
    }

    private async Task<Core.Corpora.LabelSet?> CheckAsync(ExperimentDraft draft, List<string> problems, CancellationToken cancellationToken)
    {
        var corpus = draft.CorpusId > 0 ? await corpora.LoadAsync(draft.CorpusId, await workspace.GetIdAsync(cancellationToken), cancellationToken) : null;
        if (corpus is null)
        {
            problems.Add("Choose a corpus of this workspace.");
            return null;
        }
        if (!draft.IsActiveLearning && draft.PretrainCorpusId is { } extra && extra != draft.CorpusId
            && await corpora.FindSummaryAsync(extra, await workspace.GetIdAsync(cancellationToken), cancellationToken) is null)
            problems.Add($"The additional pre-training corpus #{extra} is not a corpus of this workspace.");
        return ExperimentValidator.Check(draft, corpus, views.Available, options.Value.MaxNameLength, problems);
    }
}

using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Authorization;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Reads an experiment's results for its workspace's members (or for a share link, see
/// <see cref="Sharing.ShareLinkService"/>): the stored report, checked against the hashes in the
/// store, turned into the paper's charts and tables.
/// </summary>
public sealed class ResultsService(
    ExperimentRepository experiments,
    CurrentWorkspace workspace,
    IOptions<StorageOptions> storage,
    ReportViewCache cache,
    ProvisionalRuns provisional,
    ProvisionalCurves provisionalCurves,
    ILogger<ResultsService> logger)
{
    /// <summary>The experiment's results, or null when it is not an experiment of the current workspace.</summary>
    public async Task<ExperimentResults?> GetAsync(int experimentId, CancellationToken cancellationToken = default) =>
        await LoadAsync(await workspace.GetIdAsync(cancellationToken), experimentId, cancellationToken);

    /// <summary>The file of a finished report, after checking its hash; null when it is unknown, missing or altered.</summary>
    public async Task<string?> FindFileAsync(int experimentId, string relativePath, CancellationToken cancellationToken = default)
    {
        var experiment = await experiments.FindAsync(experimentId, cancellationToken);
        if (experiment is null || experiment.WorkspaceId != await workspace.GetIdAsync(cancellationToken)) return null;
        return await FindVerifiedFileAsync(experimentId, relativePath, cancellationToken);
    }

    /// <summary>The report's files (relative to the report folder), or null when it is not an experiment of the current workspace.</summary>
    public async Task<IReadOnlyList<string>?> ListFilesAsync(int experimentId, CancellationToken cancellationToken = default)
    {
        var experiment = await experiments.FindAsync(experimentId, cancellationToken);
        if (experiment is null || experiment.WorkspaceId != await workspace.GetIdAsync(cancellationToken)) return null;
        var prefix = ReportFolder.RelativeFolder(experimentId) + "/";
        return (await experiments.ListArtifactsAsync(experimentId, cancellationToken))
            .Where(a => a.Path.StartsWith(prefix, StringComparison.Ordinal)).Select(a => a.Path[prefix.Length..]).ToList();
    }

    /// <summary>Results of any workspace's experiment; only for callers that have already authorised the reader (share links).</summary>
    internal async Task<ExperimentResults?> LoadAsync(int workspaceId, int experimentId, CancellationToken cancellationToken)
    {
        var summary = (await experiments.ListAsync(workspaceId, experimentId, cancellationToken)).SingleOrDefault();
        var experiment = summary is null ? null : await experiments.FindAsync(experimentId, cancellationToken);
        if (summary is null || experiment is null) return null;

        var problems = new List<string>();
        var artifacts = await experiments.ListArtifactsAsync(experimentId, cancellationToken);
        if (ExperimentKinds.IsActiveLearning(experiment.ConfigurationJson))
            return LoadSimulation(summary, experiment.ConfigurationJson, artifacts, problems);
        var view = ReadView(experimentId, experiment.ConfigurationJson, artifacts, problems);
        if (view is null)
            return Provisional(summary, experiment.ConfigurationJson, problems)
                ?? new ExperimentResults(summary, experiment.ConfigurationJson, [], [], [], [], null, [], [], [], [], [], [], problems);

        var prefix = ReportFolder.RelativeFolder(experimentId) + "/";
        var downloads = artifacts
            .Select(a => a.Path[prefix.Length..])
            .Where(ReportFolder.IsOfferedDownload)
            .Select(p => new ResultDownload(p, p))
            .ToList();
        return new ExperimentResults(summary, experiment.ConfigurationJson, view.ClassNames, view.Summary,
            view.FractionCharts, view.EmbeddingCharts, view.LossChart, view.OutOfDistributionCharts, view.Runs, view.Pwcca, view.Tables,
            view.ConfusionMatrices, downloads, problems)
        {
            Warnings = view.Warnings,
        };
    }

    /// <summary>
    /// An active-learning simulation's results: its curve points (runs.json, checked against its stored hash) summarised
    /// as the CLI's report does, drawn as learning curves. Small enough to read on every request, so not cached.
    /// </summary>
    private ExperimentResults LoadSimulation(ExperimentSummary summary, string configurationJson, IReadOnlyList<ArtifactEntity> artifacts, List<string> problems)
    {
        var launch = ActiveLearningLaunch.FromJson(configurationJson);
        var classes = launch.FineTuneLabels.Classes;
        var prefix = ReportFolder.RelativeFolder(summary.Id) + "/";
        IReadOnlyList<CurveRun>? runs = artifacts.FirstOrDefault(a => a.Path == prefix + ReportFolder.CurveRunsFile) is { } artifact
            ? ReadCurveRuns(summary.Id, artifact, problems)
            : null;
        // While the simulation runs, the curves of the blocks it has finished (each with its stratified reference).
        ProvisionalProgress? soFar = null;
        if (runs is null && summary.State is (JobState.Queued or JobState.Running) && provisionalCurves.Find(summary.Id) is { Runs.Count: > 0 } found)
        {
            runs = found.Runs;
            soFar = new ProvisionalProgress(found.BlocksFinished, found.BlocksPlanned);
        }
        if (runs is not { Count: > 0 })
            return new ExperimentResults(summary, configurationJson, classes, [], [], [], null, [], [], [], [], [], [], problems) { IsActiveLearning = true };

        var curves = LearningCurveSummary.Curves(runs);
        var reference = ActiveLearningReportWriter.ReferenceOf(runs);
        var tables = curves.Select(c => c.View).Distinct().Select(view =>
            ActiveLearningReportWriter.CurveTable(curves, $"curves_{view}", $"{view}: UAR (mean ± 95 % CI) after n labelled clips", view)).ToList();
        var learning = new LearningCurveResults(launch.Simulation, LearningCurveCharts.Curves(curves, classes.Count), LearningCurveSummary.Areas(runs, reference), reference,
            tables, runs.Count, runs.Select(r => r.Fold).Distinct().Count(), runs.Max(r => r.Labelled));
        var downloads = soFar is null
            ? artifacts.Select(a => a.Path[prefix.Length..]).Where(ReportFolder.IsOfferedDownload).Select(p => new ResultDownload(p, p)).ToList()
            : [];
        return new ExperimentResults(summary, configurationJson, classes, [], [], [], null, [], [], [], [], [], downloads, problems)
        {
            IsActiveLearning = true,
            LearningCurves = learning,
            Provisional = soFar,
        };
    }

    private List<CurveRun>? ReadCurveRuns(int experimentId, ArtifactEntity artifact, List<string> problems)
    {
        var path = Verified(artifact, problems);
        if (path is null) return null;
        try
        {
            return JsonSerializer.Deserialize<List<CurveRun>>(File.ReadAllText(path), ReportFolder.Json);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Learning curves of experiment {Id} are unreadable", experimentId);
            problems.Add($"The stored learning curves of this experiment cannot be read ({e.Message}).");
            return null;
        }
    }

    /// <summary>A running experiment's runs so far, with Figure 3 drawn from them; null when it has none here.</summary>
    private ExperimentResults? Provisional(ExperimentSummary summary, string configurationJson, List<string> problems)
    {
        if (summary.State is not (JobState.Queued or JobState.Running) || provisional.Find(summary.Id) is not { Runs.Count: > 0 } found) return null;
        var classNames = ExperimentLaunch.FromJson(configurationJson).FineTuneLabels.Classes;
        var rows = ResultSummary.Summarise(found.Runs);
        return new ExperimentResults(summary, configurationJson, classNames, rows, ResultCharts.UarVersusFraction(rows, classNames.Count),
            [], null, [], found.Runs, [], [], [], [], problems)
        {
            Provisional = new ProvisionalProgress(found.Runs.Count, found.Planned),
            Warnings = ResultWarnings.Find(rows, found.Runs, classNames.Count),
        };
    }

    /// <summary>The report's charts and tables: from the cache while the report file is the one they were built from.</summary>
    private ReportView? ReadView(int experimentId, string configurationJson, IReadOnlyList<ArtifactEntity> artifacts, List<string> problems)
    {
        var artifact = artifacts.FirstOrDefault(a => a.Path == $"{ReportFolder.RelativeFolder(experimentId)}/{ReportFolder.ContentFile}");
        if (artifact is null)
        {
            cache.Forget(experimentId); // deleted, or not written yet
            return null;
        }
        var stamp = Stamp(artifact);
        if (stamp is not null && cache.Find(experimentId, stamp) is { } cached) return cached;
        var content = ReadContent(experimentId, artifact, problems);
        if (content is null)
        {
            cache.Forget(experimentId);
            return null;
        }
        var view = Build(content, configurationJson);
        // Kept only when the file that matched its stored hash is still the one stamped before reading it.
        if (stamp is not null && Stamp(artifact) == stamp) cache.Store(experimentId, stamp, view);
        return view;
    }

    private static ReportView Build(ReportContent content, string configurationJson)
    {
        var launch = ExperimentLaunch.FromJson(configurationJson);
        var rows = ResultSummary.Summarise(content.Runs);
        var tables = new[]
        {
            PaperTables.Temperatures(content.Runs), PaperTables.FrozenVersusTuned(rows), PaperTables.AverageRanks(rows),
            PaperTables.Parameters(content.Parameters), PaperTables.OutOfDistribution(content.Runs),
        }.Where(t => t.Rows.Count > 0).ToList();
        return new ReportView(content.ClassNames, rows,
            ResultCharts.UarVersusFraction(rows, content.ClassNames.Count), ResultCharts.Embeddings(content.Embeddings), ResultCharts.LossCurves(content.LossCurves),
            ResultCharts.OutOfDistribution(content.Runs, content.ClassNames.Count), content.Runs, content.Pwcca, tables,
            ConfusionMatrices.AtLargestFraction(content.Runs, content.ClassNames, launch.Protocol.Temperature))
        {
            Warnings = ResultWarnings.Find(rows, content.Runs, content.ClassNames.Count),
        };
    }

    /// <summary>The report file's identity for the cache, or null when it is not (or no longer) in the data folder.</summary>
    private ReportStamp? Stamp(ArtifactEntity artifact)
    {
        var file = new FileInfo(ArtifactPath(artifact));
        return file.Exists ? new ReportStamp(artifact.ContentHash, file.Length, file.LastWriteTimeUtc) : null;
    }

    internal async Task<string?> FindVerifiedFileAsync(int experimentId, string relativePath, CancellationToken cancellationToken)
    {
        var wanted = $"{ReportFolder.RelativeFolder(experimentId)}/{relativePath}";
        var artifact = (await experiments.ListArtifactsAsync(experimentId, cancellationToken)).FirstOrDefault(a => a.Path == wanted);
        return artifact is null ? null : Verified(artifact, new List<string>());
    }

    private ReportContent? ReadContent(int experimentId, ArtifactEntity artifact, List<string> problems)
    {
        var path = Verified(artifact, problems);
        if (path is null) return null;
        try
        {
            return JsonSerializer.Deserialize<ReportContent>(File.ReadAllText(path), ReportFolder.Json);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Report of experiment {Id} is unreadable", experimentId);
            problems.Add($"The stored report of this experiment cannot be read ({e.Message}).");
            return null;
        }
    }

    // The store holds each file's hash: a missing or altered file is reported, never shown as if it were the result.
    private string? Verified(ArtifactEntity artifact, List<string> problems)
    {
        var path = ArtifactPath(artifact);
        if (!path.StartsWith(storage.Value.DataFolderFullPath, StringComparison.Ordinal) || !File.Exists(path))
        {
            problems.Add($"{artifact.Path} is missing from the data folder.");
            return null;
        }
        if (ReportFolder.Sha256(path) != artifact.ContentHash)
        {
            logger.LogWarning("Artifact {Path} does not match its stored hash", artifact.Path);
            problems.Add($"{artifact.Path} was changed after the job wrote it (its SHA-256 no longer matches).");
            return null;
        }
        return path;
    }

    private string ArtifactPath(ArtifactEntity artifact) => Path.GetFullPath(Path.Combine(storage.Value.DataFolderFullPath, artifact.Path));
}

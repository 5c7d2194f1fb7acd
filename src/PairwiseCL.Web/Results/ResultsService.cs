using System.Text.Json;
using Microsoft.Extensions.Options;
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
public sealed class ResultsService(ExperimentRepository experiments, CurrentWorkspace workspace, IOptions<StorageOptions> storage, ILogger<ResultsService> logger)
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
        var content = ReadContent(experimentId, artifacts, problems);
        if (content is null)
            return new ExperimentResults(summary, experiment.ConfigurationJson, [], [], [], [], null, [], [], [], [], [], [], problems);

        var launch = ExperimentLaunch.FromJson(experiment.ConfigurationJson);
        var rows = ResultSummary.Summarise(content.Runs);
        var tables = new[]
        {
            PaperTables.Temperatures(content.Runs), PaperTables.FrozenVersusTuned(rows), PaperTables.AverageRanks(rows),
            PaperTables.Parameters(content.Parameters), PaperTables.OutOfDistribution(content.Runs),
        }.Where(t => t.Rows.Count > 0).ToList();
        var prefix = ReportFolder.RelativeFolder(experimentId) + "/";
        var downloads = artifacts
            .Select(a => a.Path[prefix.Length..])
            .Where(ReportFolder.IsOfferedDownload)
            .Select(p => new ResultDownload(p, p))
            .ToList();
        return new ExperimentResults(summary, experiment.ConfigurationJson, content.ClassNames, rows,
            ResultCharts.UarVersusFraction(rows, content.ClassNames.Count), ResultCharts.Embeddings(content.Embeddings), ResultCharts.LossCurves(content.LossCurves),
            ResultCharts.OutOfDistribution(content.Runs, content.ClassNames.Count), content.Runs, content.Pwcca, tables,
            ConfusionMatrices.AtLargestFraction(content.Runs, content.ClassNames, launch.Protocol.Temperature), downloads, problems)
        {
            Warnings = ResultWarnings.Find(rows, content.Runs, content.ClassNames.Count),
        };
    }

    internal async Task<string?> FindVerifiedFileAsync(int experimentId, string relativePath, CancellationToken cancellationToken)
    {
        var wanted = $"{ReportFolder.RelativeFolder(experimentId)}/{relativePath}";
        var artifact = (await experiments.ListArtifactsAsync(experimentId, cancellationToken)).FirstOrDefault(a => a.Path == wanted);
        return artifact is null ? null : Verified(artifact, new List<string>());
    }

    private ReportContent? ReadContent(int experimentId, IReadOnlyList<ArtifactEntity> artifacts, List<string> problems)
    {
        var artifact = artifacts.FirstOrDefault(a => a.Path == $"{ReportFolder.RelativeFolder(experimentId)}/{ReportFolder.ContentFile}");
        if (artifact is null) return null;
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
        var path = Path.GetFullPath(Path.Combine(storage.Value.DataFolderFullPath, artifact.Path));
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
}

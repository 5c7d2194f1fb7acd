using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Views;
using PairwiseCL.Store;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;

namespace PairwiseCL.Web.Results;

/// <summary>
/// Writes a finished protocol's (or active-learning simulation's) report folder under the data folder and records it in the store: one
/// run per fine-tuning run with its test and validation metrics, one artifact per file with its SHA-256.
/// </summary>
public sealed class ExperimentResultWriter(ExperimentRepository experiments, IOptions<StorageOptions> storage, TimeProvider clock)
{
    /// <returns>The number of files written.</returns>
    public async Task<int> WriteAsync(ExperimentEntity experiment, ReportContent report, long jobId, CancellationToken cancellationToken)
    {
        var dataFolder = storage.Value.DataFolderFullPath;
        var relativeFolder = ReportFolder.RelativeFolder(experiment.Id);
        var folder = Path.Combine(dataFolder, relativeFolder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var written = ReportWriter.Write(report, folder).ToList();
        // The stored content points at the models' copies in the report folder, not at the shared work folder.
        var stored = report with
        {
            Models = report.Models?.Select(m => m with { Folder = ReportWriter.ModelFolder(m.Configuration.Name).Replace('\\', '/') }).ToList(),
        };
        await File.WriteAllTextAsync(Path.Combine(folder, ReportFolder.ContentFile), JsonSerializer.Serialize(stored, ReportFolder.Json), cancellationToken);
        written.Add(ReportFolder.ContentFile);

        var now = clock.GetUtcNow().UtcDateTime;
        var runs = report.Runs.Select(run => ToEntity(experiment, run, jobId, now)).ToList();
        await RecordAsync(experiment, written, runs, now, cancellationToken);
        return written.Count;
    }

    /// <summary>
    /// Writes an active-learning simulation's report folder (the CLI's: report.md, curves, areas, runs.json, figures)
    /// and records its files; a simulation has no fine-tuning runs, so the store keeps none.
    /// </summary>
    /// <returns>The number of files written.</returns>
    public async Task<int> WriteAsync(ExperimentEntity experiment, ActiveLearningReport report, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(storage.Value.DataFolderFullPath, ReportFolder.RelativeFolder(experiment.Id));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var written = ActiveLearningReportWriter.Write(report, folder);
        await RecordAsync(experiment, written, [], clock.GetUtcNow().UtcDateTime, cancellationToken);
        return written.Count;
    }

    /// <summary>One artifact per written file (relative to the report folder) with its SHA-256, replacing the experiment's runs and artifacts.</summary>
    private async Task RecordAsync(ExperimentEntity experiment, IReadOnlyList<string> written, IReadOnlyList<RunEntity> runs, DateTime now, CancellationToken cancellationToken)
    {
        var relativeFolder = ReportFolder.RelativeFolder(experiment.Id);
        var folder = Path.Combine(storage.Value.DataFolderFullPath, relativeFolder);
        var artifacts = written.Select(file =>
        {
            var relative = file.Replace('\\', '/');
            var path = Path.Combine(folder, relative);
            return new ArtifactEntity
            {
                ExperimentId = experiment.Id,
                Kind = ReportFolder.KindOf(relative),
                Path = $"{relativeFolder}/{relative}",
                ContentHash = ReportFolder.Sha256(path),
                SizeBytes = new FileInfo(path).Length,
                CreatedAtUtc = now,
            };
        }).ToList();
        await experiments.ReplaceResultsAsync(experiment.Id, runs, artifacts, cancellationToken);
    }

    /// <summary>The store's row of a run (imported experiments have no job: <paramref name="jobId"/> null).</summary>
    internal static RunEntity ToEntity(ExperimentEntity experiment, RunResult run, long? jobId, DateTime now) => new()
    {
        ExperimentId = experiment.Id,
        Fold = run.Fold,
        LabelFraction = run.FractionPercent,
        Repeat = run.Repeat,
        Method = run.Method,
        View = run.View,
        Seed = run.Seed,
        ConfigurationHash = ConfigurationHash.Of(new
        {
            experiment = experiment.ConfigurationHash, run.View, run.Method, run.FractionPercent, run.Fold, run.Repeat, run.Temperature, run.PretrainingSet,
        }),
        State = JobState.Succeeded,
        JobId = jobId,
        StartedAtUtc = now - TimeSpan.FromSeconds(run.TrainingSeconds),
        FinishedAtUtc = now,
        Metrics =
        [
            new MetricEntity { Name = "uar", Split = "test", Value = run.Uar },
            new MetricEntity { Name = "wa", Split = "test", Value = run.Wa },
            new MetricEntity { Name = "uar", Split = "validation", Value = run.BestValidationUar },
            new MetricEntity { Name = "epochs", Split = "train", Value = run.Epochs },
        ],
    };
}

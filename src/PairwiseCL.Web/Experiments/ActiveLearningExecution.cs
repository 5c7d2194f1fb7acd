using Microsoft.Extensions.Options;
using PairwiseCL.Core.ActiveLearning;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Progress;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Results;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Runs one stored active-learning experiment: the same Core simulation as `pairwisecl active-learning` (features
/// through the shared cache, pre-training checkpoints in the shared work folder so a retried job resumes), then the
/// CLI's report folder written under the experiment's results folder and recorded with its hashes.
/// </summary>
public sealed class ActiveLearningExecution(
    CorpusRepository corpora,
    CorpusFeatures corpusFeatures,
    ExperimentResultWriter resultWriter,
    ProvisionalCurves provisionalCurves,
    IOptions<StorageOptions> storage,
    JobProgressFeed feed,
    ILoggerFactory loggers)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(JobContext context, ExperimentEntity experiment, CancellationToken cancellationToken)
    {
        var launch = ActiveLearningLaunch.FromJson(experiment.ConfigurationJson);
        var simulation = launch.Simulation;
        if (experiment.FinetuneCorpusId is not { } corpusId)
            throw new InvalidOperationException($"Experiment '{experiment.Name}' was imported from another portal; its corpus is not here, so it cannot be run.");
        var corpus = await corpora.LoadAsync(corpusId, experiment.WorkspaceId, cancellationToken)
            ?? throw new InvalidOperationException($"Corpus #{corpusId} of experiment '{experiment.Name}' no longer exists.");
        await context.LogAsync($"active-learning simulation '{experiment.Name}' on '{corpus.Name}' ({corpus.Utterances.Count} utterances), views {string.Join(", ", simulation.Views)}, "
            + $"strategies {string.Join(", ", simulation.Strategies)}, k = {simulation.RoundSize}, budget {simulation.Budget}, {simulation.Repeats} repeats", cancellationToken);

        var sink = new JobProgressSink(context, feed, ProgressInterval, cancellationToken);
        try
        {
            var (usable, features, viewKeys) = await JobCompute.RunAsync(
                () => corpusFeatures.Extract(corpus, simulation.Views, simulation.Pretraining.Padding, sink, context, cancellationToken), cancellationToken);
            var input = new ProtocolInput(usable, launch.FineTuneLabels, features, viewKeys);
            var runner = new ActiveLearningSimulation(Path.Combine(storage.Value.DataFolderFullPath, "work"), loggers.CreateLogger<ActiveLearningSimulation>());
            var curve = new TrainingCurve();
            var report = await JobCompute.RunAsync(() => runner.Run(simulation, input,
                new InlineProgress<ProtocolProgress>(p => sink.Report(curve.Next(p))), cancellationToken,
                new InlineProgress<CurvesSoFar>(soFar => provisionalCurves.Write(experiment.Id, soFar))), cancellationToken);
            sink.Flush();
            if (report.Runs.Count == 0)
                throw new InvalidOperationException($"Every fold of '{corpus.Name}' was skipped (too few labelled clips in its pool or test session); nothing to report.");

            var written = await resultWriter.WriteAsync(experiment, report with { Title = $"{experiment.Name}: active-learning simulation on {corpus.Name}" }, cancellationToken);
            await context.LogAsync($"{report.Runs.Count} curve points over {report.Pools.Count} folds in {report.Elapsed:hh\\:mm\\:ss}; {written} files in the report folder", cancellationToken);
        }
        finally
        {
            provisionalCurves.Forget(experiment.Id);
            feed.Complete(context.JobId);
        }
    }
}

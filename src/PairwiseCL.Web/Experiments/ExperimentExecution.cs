using System.Text.Json;
using Microsoft.Extensions.Options;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Reports;
using PairwiseCL.Core.Views;
using PairwiseCL.Core.Views.Cache;
using PairwiseCL.Core.Views.Extraction;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Store.Jobs;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Results;
using PairwiseCL.Core.Progress;

namespace PairwiseCL.Web.Experiments;

/// <summary>
/// Runs one stored experiment: extracts (or reuses cached) features of every view, runs the protocol
/// (resuming from the shared work folder after a crash), writes the report folder under the data
/// folder, and stores runs, metrics and artifacts (with SHA-256 hashes) in the store. The experiment
/// job and the analysis job asked for later (<see cref="ExperimentAnalysisJobHandler"/>) both run it; an
/// active-learning experiment's job is handed to <see cref="ActiveLearningExecution"/>.
/// </summary>
public sealed class ExperimentExecution(
    ExperimentRepository experiments,
    CorpusRepository corpora,
    CorpusFeatures corpusFeatures,
    ExperimentResultWriter resultWriter,
    IOptions<StorageOptions> storage,
    JobProgressFeed feed,
    ProvisionalRuns provisional,
    ActiveLearningExecution activeLearning,
    ExperimentFanOut fanOut,
    ILoggerFactory loggers)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <param name="withAnalysis">
    /// Also compute t-SNE and PWCCA, whatever the stored configuration says. Finished runs and pre-trainings
    /// are reused from the work folder, so this costs only the models the analysis needs.
    /// </param>
    /// <remarks>
    /// An experiment job that Hangfire delivered on queue "control" (<see cref="ExperimentFanOut"/>) does not train: it
    /// extracts the features once, then queues the protocol's parts and its final report as jobs for the workers and
    /// follows them.
    /// </remarks>
    public Task RunAsync(JobContext context, int experimentId, bool withAnalysis, CancellationToken cancellationToken) =>
        ExecuteAsync(context, experimentId, withAnalysis, part: null, resultJobId: context.JobId,
            coordinate: !withAnalysis && context.Device == JobQueues.Control, cancellationToken);

    /// <summary>
    /// One part of a fanned-out experiment (its runs stay in the work folder, keyed by configuration hash), or, when
    /// <paramref name="part"/> is null, its final report: the whole protocol, which finds every run stored, written to the
    /// store under the experiment's job <paramref name="experimentJobId"/>.
    /// </summary>
    public Task RunPartAsync(JobContext context, int experimentId, ProtocolPart? part, long experimentJobId, CancellationToken cancellationToken) =>
        ExecuteAsync(context, experimentId, withAnalysis: false, part, experimentJobId, coordinate: false, cancellationToken);

    private async Task ExecuteAsync(JobContext context, int experimentId, bool withAnalysis, ProtocolPart? part, long resultJobId, bool coordinate, CancellationToken cancellationToken)
    {
        var experiment = await experiments.FindAsync(experimentId, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment #{experimentId} no longer exists.");
        // One job kind for both kinds of experiment: the Jobs page, cancel, retry and the experiment's state treat them alike.
        if (ExperimentKinds.IsActiveLearning(experiment.ConfigurationJson))
        {
            if (withAnalysis) throw new InvalidOperationException($"Experiment '{experiment.Name}' is an active-learning simulation; it has no representation analysis.");
            if (coordinate)
            {
                // Queue "control" holds no device, and a simulation trains: it runs whole as the experiment's one part
                // on a device queue, so a worker's one-job-per-device rule covers it.
                var relay = new JobProgressSink(context, feed, ProgressInterval, cancellationToken);
                try { await fanOut.RunAsync(context, experimentId, [], relay.Report, cancellationToken); }
                finally { feed.Complete(context.JobId); }
                return;
            }
            await activeLearning.RunAsync(context, experiment, cancellationToken);
            return;
        }
        var launch = ExperimentLaunch.FromJson(experiment.ConfigurationJson);
        var protocol = withAnalysis ? launch.Protocol with { Analysis = true } : launch.Protocol;
        if (experiment.FinetuneCorpusId is not { } corpusId)
            throw new InvalidOperationException($"Experiment '{experiment.Name}' was imported from another portal; its corpus is not here, so it cannot be run.");
        var corpus = await corpora.LoadAsync(corpusId, experiment.WorkspaceId, cancellationToken)
            ?? throw new InvalidOperationException($"Corpus #{experiment.FinetuneCorpusId} of experiment '{experiment.Name}' no longer exists.");
        await context.LogAsync($"experiment '{experiment.Name}' on '{corpus.Name}' ({corpus.Utterances.Count} utterances), views {string.Join(", ", launch.Protocol.Views)}"
            + (part is null ? "" : $"; part: {part.Describe()}"), cancellationToken);

        var sink = new JobProgressSink(context, feed, ProgressInterval, cancellationToken);
        try
        {
            var (usable, features, viewKeys) = await JobCompute.RunAsync(() => corpusFeatures.Extract(corpus, launch.Protocol.Views, launch.Protocol.Padding, sink, context, cancellationToken), cancellationToken);

            var input = new ProtocolInput(usable, launch.FineTuneLabels, features, viewKeys);
            if (experiment.PretrainCorpusId is { } extraId && extraId != experiment.FinetuneCorpusId)
            {
                var extra = await corpora.LoadAsync(extraId, experiment.WorkspaceId, cancellationToken)
                    ?? throw new InvalidOperationException($"Pre-training corpus #{extraId} of experiment '{experiment.Name}' no longer exists.");
                await context.LogAsync($"pre-training also on '{extra.Name}' ({extra.Utterances.Count} utterances)", cancellationToken);
                var (extraUsable, extraFeatures, _) = await JobCompute.RunAsync(() => corpusFeatures.Extract(extra, launch.Protocol.Views, launch.Protocol.Padding, sink, context, cancellationToken), cancellationToken);
                input = input with { AdditionalPretraining = new AdditionalPretraining(extraUsable, extraFeatures) };
            }
            if (coordinate)
            {
                // The parts store their runs on worker hosts: the results page reads them from the shared work folder.
                provisional.Publish(experimentId, ProtocolRunner.FolderKey(protocol, input), ProtocolRunner.PlannedRuns(protocol, input));
                await fanOut.RunAsync(context, experimentId, ProtocolRunner.Parts(protocol, input), sink.Report, cancellationToken);
                return;
            }

            // A worker with several GPUs trains each job on the one it leased for it.
            var device = context.Device.StartsWith("cuda:", StringComparison.Ordinal) ? TorchSharp.torch.device(context.Device) : null;
            var runner = new ProtocolRunner(Path.Combine(storage.Value.DataFolderFullPath, "work"), loggers.CreateLogger<ProtocolRunner>(), device, saveModels: true)
            {
                RunsFinished = part is null ? new InlineProgress<RunProgress>(run => provisional.Add(experimentId, run)) : null,
            };
            var curve = new TrainingCurve();
            var report = await JobCompute.RunAsync(() => runner.Run(protocol, input,
                new InlineProgress<ProtocolProgress>(p => sink.Report(curve.Next(p))), cancellationToken, part), cancellationToken);
            sink.Flush();
            if (part is null)
                await StoreAsync(experiment, report, context, resultJobId, cancellationToken);
            else
                await context.LogAsync($"{report.Runs.Count} runs of {part.Describe()} stored in the work folder", cancellationToken);
        }
        finally
        {
            feed.Complete(context.JobId);
            provisional.Forget(experimentId);
        }
    }

    private async Task StoreAsync(ExperimentEntity experiment, ReportContent report, JobContext context, long jobId, CancellationToken cancellationToken)
    {
        report = report with { Title = experiment.Name, ConfigurationJson = experiment.ConfigurationJson };

        var stored = await resultWriter.WriteAsync(experiment, report, jobId, cancellationToken);
        await context.LogAsync($"{report.Runs.Count} runs in {report.Elapsed:hh\\:mm\\:ss}; {stored} files in the report folder", cancellationToken);
    }
}

using Microsoft.EntityFrameworkCore;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Store;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Results;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// A long experiment shows its finished runs and a provisional Figure 3 while it runs, instead of "0 runs · No
/// results yet" until the end; once its job stops running here, the report (or nothing) is the truth again.
/// </summary>
public sealed class ProvisionalResultsTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task ARunningExperiment_ShowsItsRunsSoFar_AndAProvisionalFigure3()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        var draft = FinishedExperiment.TinyDraft(corpusId);
        var launch = new ExperimentLaunch(draft.ToConfiguration(), new LabelSet("synthetic", ["neutral", "anger", "sadness", "happiness"]));
        int experimentId;
        await using (var db = await portal.CreateDbContextAsync())
        {
            var experiment = new ExperimentEntity
            {
                WorkspaceId = (await db.Corpora.SingleAsync(c => c.Id == corpusId)).WorkspaceId, Name = "long protocol",
                ConfigurationJson = launch.ToJson(), ConfigurationHash = ExperimentLaunch.HashOf(launch.ToJson()), FinetuneCorpusId = corpusId,
            };
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
            experimentId = experiment.Id;
            // A device no worker serves keeps the job queued, as a long protocol's would stay unfinished.
            db.Jobs.Add(new JobEntity { Kind = ExperimentJobHandler.JobKind, Device = "test-idle", PayloadJson = ExperimentJobHandler.PayloadJson(experimentId) });
            await db.SaveChangesAsync();
        }
        var admin = await SignedInUsers.BrowserAsync(portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Contains("No results yet", await admin.GetStringAsync($"/experiments/{experimentId}"));

        var provisional = portal.Get<ProvisionalRuns>();
        provisional.Add(experimentId, new RunProgress(Run(0, 0.41), 1, 6));
        provisional.Add(experimentId, new RunProgress(Run(1, 0.47), 2, 6));
        var page = await admin.GetStringAsync($"/experiments/{experimentId}");

        Assert.Contains("Provisional: 2 of 6 runs finished", page);
        Assert.Contains("2 of 6 runs", page);
        Assert.Contains("data-name=\"uar_vs_fraction_mel\"", page);
        Assert.DoesNotContain("No results yet", page);
        Assert.DoesNotContain("Try a fine-tuned model", page); // no model is deployable before the report

        provisional.Forget(experimentId);
        Assert.Contains("No results yet", await admin.GetStringAsync($"/experiments/{experimentId}"));
    }

    private static RunResult Run(int fold, double uar) =>
        new("mel", MethodNames.Supervised, 100, fold, $"0{fold + 1}", 0, fold, 0.5, "none", 8, 4, uar, uar, [[1, 0], [0, 1]], [uar, uar], 2, uar, 0.3);
}

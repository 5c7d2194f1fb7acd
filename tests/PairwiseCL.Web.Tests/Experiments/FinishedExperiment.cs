using System.Net;
using System.Net.Http.Json;
using PairwiseCL.Core.Corpora;
using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Core.Experiments;
using PairwiseCL.Core.Views;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.Experiments;
using PairwiseCL.Web.Jobs;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.Experiments;

/// <summary>
/// One portal with a tiny synthetic corpus (3 sessions, 4 emotions, 24 half-second clips) and one
/// experiment launched through the HTTP API and run to completion by the real job worker.
/// </summary>
public class FinishedExperiment : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public int CorpusId { get; private set; }

    public int ExperimentId { get; private set; }

    public long JobId { get; private set; }

    public JobEntity Job { get; private set; } = default!;

    public ExperimentDraft Draft { get; private set; } = default!;

    /// <summary>Every progress report the job pushed to the in-process feed while it ran, in order.</summary>
    public IReadOnlyList<ExperimentProgress> Pushed => pushed;

    private readonly List<ExperimentProgress> pushed = [];

    private readonly List<long> pushedBy = [];

    /// <summary>The progress reports one job pushed, in order (tests may run further jobs on this portal).</summary>
    public IReadOnlyList<ExperimentProgress> PushedBy(long jobId)
    {
        lock (pushed) return pushed.Where((_, i) => pushedBy[i] == jobId).ToList();
    }

    /// <summary>mel plus eGeMAPS with every method when the eGeMAPS view exists; mel alone (supervised) otherwise.</summary>
    public static ExperimentDraft TinyDraft(int corpusId)
    {
        var twoViews = FeatureViewCatalog.Names.Contains("egemaps");
        return new ExperimentDraft
        {
            Name = "tiny synthetic",
            CorpusId = corpusId,
            LabelSetName = "synthetic",
            Views = twoViews ? ["mel", "egemaps"] : ["mel"],
            Methods = twoViews ? [.. MethodNames.All] : [MethodNames.Supervised],
            FractionsPercent = [100],
            Repeats = 1,
            Temperatures = [0.5],
            OutOfDistribution = false,
            Analysis = true,
            PretrainEpochs = 2,
            PretrainPatience = 2,
            FineTuneEpochs = 2,
            FineTunePatience = 2,
            BatchSize = 8,
        };
    }

    /// <summary>The experiment to launch on the corpus; another kind of experiment overrides it.</summary>
    protected virtual ExperimentDraft CreateDraft(int corpusId) => TinyDraft(corpusId);

    public async Task InitializeAsync()
    {
        _ = Portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(Portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.6));
        CorpusId = await Portal.Get<CorpusRepository>().SaveAsync(corpus);
        Draft = CreateDraft(CorpusId);

        var feed = Portal.Get<JobProgressFeed>();
        feed.Changed += jobId =>
        {
            if (feed.Latest(jobId) is { } progress)
                lock (pushed)
                {
                    pushed.Add(progress);
                    pushedBy.Add(jobId);
                }
        };
        var admin = await SignedInUsers.BrowserAsync(Portal, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        var response = await admin.PostAsJsonAsync("/api/experiments", Draft);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var launched = await response.Content.ReadFromJsonAsync<LaunchResult>();
        ExperimentId = launched!.ExperimentId!.Value;
        JobId = launched.JobId!.Value;
        Job = await JobWaiting.UntilAsync(Portal, JobId, j => j.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled, timeoutSeconds: 90);
        Assert.True(Job.State == JobState.Succeeded, $"The experiment job ended {Job.State}: {Job.Error}\n{Job.Log}");
    }

    /// <summary>The bytes of the corpus's first WAV clip (by path), for sending to the experiment's models.</summary>
    public byte[] AnyClip() =>
        File.ReadAllBytes(Directory.EnumerateFiles(Path.Combine(Portal.Folder, "synthetic"), "*.wav", SearchOption.AllDirectories).Order().First());

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }
}

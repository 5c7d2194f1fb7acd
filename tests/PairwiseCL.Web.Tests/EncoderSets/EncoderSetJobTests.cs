using PairwiseCL.Core.Corpora.Synthetic;
using PairwiseCL.Store.Corpora;
using PairwiseCL.Store.Entities;
using PairwiseCL.Web.EncoderSets;
using PairwiseCL.Web.Labelling;
using PairwiseCL.Web.Tests.TestSupport;

namespace PairwiseCL.Web.Tests.EncoderSets;

/// <summary>
/// An editor pre-trains encoders on a corpus from the portal (labels ignored): a background job stores an encoder
/// set that the corpus lists; the identical request again reuses it; viewers and absurd requests are refused.
/// </summary>
public sealed class EncoderSetJobTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task APretrainingJob_StoresAnEncoderSetTheCorpusLists_AndAnIdenticalRequestReusesIt()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "synthetic"),
            new SyntheticCorpusOptions(Sessions: 3, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 2, MinSeconds: 0.5, MaxSeconds: 0.8));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        await using var editor = await SignedInScope.MemberAsync(portal, "editor@lab.test", WorkspaceRole.Editor);
        var service = editor.Get<EncoderSetService>();
        var draft = new EncoderSetDraft { Views = ["mel", "egemaps"], Epochs = 2, Patience = 2, BatchSize = 8 };
        Assert.Empty((await service.ListAsync(corpusId))!);

        var first = await service.PretrainAsync(corpusId, draft);
        var job = await JobWaiting.UntilFinishedAsync(portal, first.JobId!.Value);

        Assert.True(job.State == JobState.Succeeded, $"{job.State}: {job.Error}\n{job.Log}");
        var set = Assert.Single((await service.ListAsync(corpusId))!);
        Assert.Equal(["mel", "egemaps"], set.Request.Views);
        Assert.Equal(corpus.Utterances.Count, set.TrainingUtterances + set.ValidationUtterances);
        Assert.Equal(2, set.Encoders.Count);
        Assert.All(set.Encoders, e => Assert.Equal(64, e.Sha256.Length));
        Assert.Contains("stored encoder set", job.Log);

        var again = await JobWaiting.UntilFinishedAsync(portal, (await service.PretrainAsync(corpusId, draft)).JobId!.Value);
        Assert.Equal(JobState.Succeeded, again.State);
        Assert.Contains("reused the stored encoder set", again.Log);
        Assert.Equal(set.RequestHash, Assert.Single((await service.ListAsync(corpusId))!).RequestHash);

        // The set orders the labelling queue: diversity while no model can be trained, then the model's doubt.
        var queue = (await editor.Get<LabellingService>().GetQueueAsync(corpusId))!;
        var unlabelled = queue.Items.Select(i => i with { Label = null }).ToList();
        var workspaceId = await portal.Get<PairwiseCL.Store.Workspaces.WorkspaceRepository>().GetDefaultIdAsync();
        var order = portal.Get<InformativeOrder>();
        var cold = (await order.RankAsync(corpusId, workspaceId, set.RequestHash, queue.LabelSet!, unlabelled))!;
        Assert.Equal(unlabelled.Count, cold.Keys.Count);
        Assert.Equal(unlabelled.Select(i => i.Key).Order(), cold.Keys.Order());
        Assert.Equal("diversity", cold.Strategy);
        Assert.Contains("far from", cold.Reasons[cold.Keys[1]]);
        // Two clips of each class labelled: the rest are ranked by the softmax regression's margin.
        var labelled = unlabelled.Select(i => queue.Items.Where(q => q.Label is not null).GroupBy(q => q.Label).SelectMany(g => g.Take(2)).Any(q => q.Key == i.Key)
            ? i with { Label = queue.Items.Single(q => q.Key == i.Key).Label } : i).ToList();
        var warm = (await order.RankAsync(corpusId, workspaceId, set.RequestHash, queue.LabelSet!, labelled))!;
        Assert.Equal(labelled.Count(i => i.Label is null), warm.Keys.Count);
        Assert.All(warm.Keys, k => Assert.StartsWith("model unsure: ", warm.Reasons[k]));
        Assert.Equal("uncertainty-margin", warm.Strategy);
        // A hash that is not one of this corpus's sets ranks nothing.
        Assert.Null(await order.RankAsync(corpusId, workspaceId, new string('0', 16), queue.LabelSet!, unlabelled));
    }

    [Fact]
    public async Task ViewersAndAbsurdRequests_AreRefusedWithTheReason()
    {
        _ = portal.Server;
        var corpus = new SyntheticCorpusGenerator().Generate(Path.Combine(portal.Folder, "tiny"),
            new SyntheticCorpusOptions(Sessions: 2, SpeakersPerSession: 1, ClipsPerSpeakerAndEmotion: 1, MinSeconds: 0.5, MaxSeconds: 0.6));
        var corpusId = await portal.Get<CorpusRepository>().SaveAsync(corpus);
        await using var viewer = await SignedInScope.MemberAsync(portal, "viewer@lab.test", WorkspaceRole.Viewer);
        await using var editor = await SignedInScope.MemberAsync(portal, "editor2@lab.test", WorkspaceRole.Editor);

        Assert.Contains("Only editors", Assert.Single((await viewer.Get<EncoderSetService>().PretrainAsync(corpusId, new EncoderSetDraft())).Problems));
        var absurd = await editor.Get<EncoderSetService>().PretrainAsync(corpusId,
            new EncoderSetDraft { Views = ["mel", "../../etc"], Temperature = -1, Epochs = 1_000_000 });
        Assert.Null(absurd.JobId);
        Assert.Contains(absurd.Problems, p => p.Contains("../../etc"));
        Assert.Contains(absurd.Problems, p => p.Contains("temperature"));
        Assert.Contains(absurd.Problems, p => p.Contains("Epochs"));
        Assert.Contains(absurd.Problems, p => p.Contains("at least 20 utterances"));
        Assert.Contains("no corpus #987654", Assert.Single((await editor.Get<EncoderSetService>().PretrainAsync(987654, new EncoderSetDraft())).Problems));
    }
}
